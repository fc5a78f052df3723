using System.Net;
using Reembed.Testing;
using Reembed.Testing.FakeApi;
using static Reembed.Tests.FakeApi.FakeApiHttp;

namespace Reembed.Tests.FakeApi;

/// <summary>What the rate benchmark relies on: a short burst allowance and a timeline of accepted tokens.</summary>
public sealed class FakeEmbeddingServerMeasureTests
{
    [Fact]
    public async Task Embeddings_WithBurstSeconds_BucketHoldsThatShareOfTheLimit()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeEmbeddingServer.StartAsync(
            new FakeServerOptions { RequestsPerMinute = 60, TokensPerMinute = 6000, BurstSeconds = 5, Time = clock });

        var answers = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 6; i++)
        {
            last?.Dispose();
            last = await EmbedAsync(server, "a");
            answers.Add(last.StatusCode);
        }

        // 60 per minute with 5 s of burst: 5 at once, the sixth waits one second for its refill.
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), (HttpStatusCode)429], answers);
        Assert.Equal("1", Header(last!, "retry-after"));
        Assert.Equal("495", Header(last!, "x-ratelimit-remaining-tokens"));
        Assert.Equal("50ms", Header(last!, "x-ratelimit-reset-tokens"));
        last!.Dispose();
        clock.Advance(TimeSpan.FromSeconds(1));
        using var refilled = await EmbedAsync(server, "a");
        Assert.Equal(HttpStatusCode.OK, refilled.StatusCode);
    }

    [Fact]
    public async Task Embeddings_LargerThanTheBurst_Answers429WithoutRetryAfter()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(
            new FakeServerOptions { TokensPerMinute = 600, BurstSeconds = 1, Time = new ManualTimeProvider() });

        // 20 tokens never fit a bucket of 600 × 1 / 60 = 10.
        using var response = await EmbedAsync(server, string.Join(' ', Enumerable.Repeat("w", 20)));

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.False(response.Headers.Contains("retry-after"));
    }

    [Fact]
    public async Task StartAsync_NonPositiveBurstSeconds_Throws() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => FakeEmbeddingServer.StartAsync(new FakeServerOptions { BurstSeconds = 0 }));

    [Fact]
    public async Task TokensAcceptedBetween_SumsOnlyAnswersInsideTheWindow()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions { Time = clock });
        var start = clock.GetUtcNow();

        using var early = await EmbedAsync(server, "a b c");
        clock.Advance(TimeSpan.FromSeconds(10));
        using var middle = await EmbedAsync(server, "a b", "c d");
        server.Faults.FailNext(FakeFault.ServerError);
        using var failed = await EmbedAsync(server, "a b c d e f g");
        clock.Advance(TimeSpan.FromSeconds(10));
        using var late = await EmbedAsync(server, "a");
        clock.Advance(TimeSpan.FromSeconds(10));
        using var after = await EmbedAsync(server, "a b c d e");

        var counters = server.Counters;
        Assert.True((int)failed.StatusCode >= 500, $"the injected fault answered {failed.StatusCode}");
        Assert.Equal(4 + 1, counters.TokensAcceptedBetween(start.AddSeconds(5), start.AddSeconds(20)));
        Assert.Equal(2 + 1, counters.InputsAcceptedBetween(start.AddSeconds(5), start.AddSeconds(20)));
        Assert.Equal(3 + 4 + 1 + 5, counters.TokensAcceptedBetween(start, start.AddSeconds(30)));
        counters.Reset();
        Assert.Equal(0, counters.TokensAcceptedBetween(start, start.AddSeconds(30)));
    }
}
