using System.Net;
using Reembed.Remote;
using Reembed.Testing;
using Reembed.Testing.FakeApi;
using static Reembed.Tests.FakeApi.FakeApiHttp;

namespace Reembed.Tests.FakeApi;

public sealed class FakeEmbeddingServerLimitsTests
{
    [Fact]
    public async Task Embeddings_OverRequestsPerMinute_Answers429WithRetryAfterAndHeaders()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeEmbeddingServer.StartAsync(
            new FakeServerOptions { RequestsPerMinute = 2, TokensPerMinute = 1000, Time = clock });

        using var first = await EmbedAsync(server, "a");
        using var second = await EmbedAsync(server, "b");
        using var third = await EmbedAsync(server, "c");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("1", Header(first, "x-ratelimit-remaining-requests"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((HttpStatusCode)429, third.StatusCode);
        // One request refills in 60 s / 2.
        Assert.Equal("30", Header(third, "retry-after"));
        Assert.Equal("30000", Header(third, "retry-after-ms"));
        Assert.Equal("2", Header(third, "x-ratelimit-limit-requests"));
        Assert.Equal("0", Header(third, "x-ratelimit-remaining-requests"));
        Assert.Equal("1m0s", Header(third, "x-ratelimit-reset-requests"));
        Assert.Equal("1000", Header(third, "x-ratelimit-limit-tokens"));
        Assert.Equal("998", Header(third, "x-ratelimit-remaining-tokens"));
        Assert.Equal("120ms", Header(third, "x-ratelimit-reset-tokens"));
        var error = (await JsonAsync(third)).GetProperty("error");
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("requests", error.GetProperty("type").GetString());
        Assert.Equal(1, server.Counters.RateLimited);

        var info = RateLimitInfo.FromHeaders(third.Headers)!;
        Assert.Equal(TimeSpan.FromSeconds(60), info.ResetRequests);
        Assert.Equal(TimeSpan.FromSeconds(30), RateLimitInfo.RetryAfter(third, clock.GetUtcNow()));
    }

    [Fact]
    public async Task Embeddings_AfterRefill_AreAdmittedAgain()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions { RequestsPerMinute = 1, Time = clock });

        using var first = await EmbedAsync(server, "a");
        using var refused = await EmbedAsync(server, "b");
        clock.Advance(TimeSpan.FromSeconds(60));
        using var again = await EmbedAsync(server, "b");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(again.Headers.Contains("x-ratelimit-limit-tokens"));
    }

    [Fact]
    public async Task Embeddings_OverTokensPerMinute_Answers429NamingTokens()
    {
        var clock = new ManualTimeProvider();
        await using var server = await FakeEmbeddingServer.StartAsync(
            new FakeServerOptions { RequestsPerMinute = 100, TokensPerMinute = 60, Time = clock });

        // 40 one-token words, then 40 more: the second needs 20 tokens that refill at 1 per second.
        var forty = string.Join(' ', Enumerable.Repeat("w", 40));
        using var first = await EmbedAsync(server, forty);
        using var second = await EmbedAsync(server, forty);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        Assert.Equal("20", Header(second, "retry-after"));
        Assert.Equal("20000", Header(second, "retry-after-ms"));
        Assert.Equal("20", Header(second, "x-ratelimit-remaining-tokens"));
        Assert.Equal("99", Header(second, "x-ratelimit-remaining-requests"));
        Assert.Equal("tokens", (await JsonAsync(second)).GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(40, server.Counters.TokensAccepted);
    }

    [Fact]
    public async Task Embeddings_LargerThanTheTokenLimit_Answers429WithoutRetryAfter()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions { TokensPerMinute = 3 });

        using var response = await EmbedAsync(server, "a b c d");

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.False(response.Headers.Contains("retry-after"));
        Assert.StartsWith("Request too large", (await JsonAsync(response)).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_NoLimits_SendNoRateHeaders()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());

        using var response = await EmbedAsync(server, "a");

        Assert.DoesNotContain(response.Headers, static h => h.Key.StartsWith("x-ratelimit", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Embeddings_ConcurrentBurst_AdmitsExactlyTheBucket()
    {
        // A frozen clock: nothing refills during the burst.
        await using var server = await FakeEmbeddingServer.StartAsync(
            new FakeServerOptions { RequestsPerMinute = 20, Time = new ManualTimeProvider() });

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => EmbedAsync(server, $"text {i}")));

        Assert.Equal(20, responses.Count(static r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(30, responses.Count(static r => r.StatusCode == (HttpStatusCode)429));
        Assert.Equal(20, server.Counters.Succeeded);
        Assert.Equal(30, server.Counters.RateLimited);
        Assert.Equal(50, server.Counters.ReceivedTexts.Count);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
