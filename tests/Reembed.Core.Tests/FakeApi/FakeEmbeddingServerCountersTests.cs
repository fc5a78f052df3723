using System.Diagnostics;
using System.Net;
using Reembed.Testing;
using Reembed.Testing.FakeApi;
using static Reembed.Tests.FakeApi.FakeApiHttp;

namespace Reembed.Tests.FakeApi;

public sealed class FakeEmbeddingServerCountersTests
{
    [Fact]
    public async Task Counters_MixedTraffic_CountEachOutcome()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions { Time = clock });

        using var ok = await EmbedAsync(server, "a b", "c");
        server.Faults.FailNext(FakeFault.ServerError);
        using var failed = await EmbedAsync(server, "d");
        clock.Advance(TimeSpan.FromSeconds(5));
        using var chat = await PostAsync(server, "v1/chat/completions",
            new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "hi" } } });

        var counters = server.Counters;
        Assert.Equal(3, counters.Requests);
        Assert.Equal(2, counters.EmbeddingRequests);
        Assert.Equal(1, counters.ChatRequests);
        Assert.Equal(1, counters.Faulted);
        Assert.Equal(2, counters.Succeeded);
        Assert.Equal(2, counters.InputsEmbedded);
        // "a b" and "c"; then the chat's "hi" and its reply "[enriched] hi" ([ enri·ched ] hi).
        Assert.Equal(3 + 1 + 5, counters.TokensAccepted);
        Assert.Equal(["a b", "c", "d"], counters.ReceivedTexts);
        Assert.Contains("gpt-4o-mini", counters.LastRequestBody, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero), counters.FirstAcceptedAt);
        Assert.Equal(counters.FirstAcceptedAt + TimeSpan.FromSeconds(5), counters.LastAcceptedAt);

        counters.Reset();

        Assert.Equal(0, counters.Requests);
        Assert.Empty(counters.ReceivedTexts);
        Assert.Null(counters.FirstAcceptedAt);
        Assert.Null(counters.LastRequestBody);
    }

    [Fact]
    public async Task Latency_DelaysEachAnswer()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(
            new FakeServerOptions { LatencyMean = TimeSpan.FromMilliseconds(150), LatencyJitter = TimeSpan.FromMilliseconds(50) });

        var watch = Stopwatch.StartNew();
        using var response = await EmbedAsync(server, "a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(95), $"answered after {watch.Elapsed}");
    }

    [Fact]
    public async Task DisposeAsync_WithAHungRequest_EndsItPromptly()
    {
        var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());
        server.Faults.FailNext(FakeFault.Hang);
        var pending = EmbedAsync(server, "a");
        while (server.Counters.Requests == 0)
        {
            await Task.Delay(10);
        }

        var watch = Stopwatch.StartNew();
        await server.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => pending);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopped after {watch.Elapsed}");
    }

    [Fact]
    public async Task Root_IsLoopbackWithABoundPort()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());

        Assert.Equal("127.0.0.1", server.Root.Host);
        Assert.NotEqual(0, server.Root.Port);
        Assert.Equal("/", server.Root.AbsolutePath);
        Assert.Equal(new Uri(server.Root, "v1"), server.OpenAiBaseUrl);
    }
}
