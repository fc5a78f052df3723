using System.Net;
using System.Text.Json;
using Reembed.Testing.FakeApi;
using static Reembed.Tests.FakeApi.FakeApiHttp;

namespace Reembed.Tests.FakeApi;

public sealed class FakeEmbeddingServerFaultTests
{
    private static readonly string[] Three = ["one", "two", "three"];

    [Fact]
    public async Task FailNext_RateLimited_Answers429WithRetryAfterThenRecovers()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());
        server.Faults.FailNext(FakeFault.RateLimited);

        using var limited = await EmbedAsync(server, "a");
        using var next = await EmbedAsync(server, "a");

        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal("1", Header(limited, "retry-after"));
        Assert.Equal("50", Header(limited, "retry-after-ms"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(1, server.Counters.RateLimited);
        Assert.Equal(1, server.Counters.Faulted);
        Assert.Equal(1, server.Counters.Succeeded);
    }

    [Fact]
    public async Task FailNext_ServerError_Answers5xxWithABody()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());
        server.Faults.FailNext(FakeFault.ServerError, 6);

        for (var i = 0; i < 6; i++)
        {
            using var response = await EmbedAsync(server, "a");
            Assert.Contains((int)response.StatusCode, new[] { 500, 502, 503 });
            Assert.NotEmpty(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(6, server.Counters.Faulted);
    }

    [Fact]
    public async Task FailNext_Hang_NeverAnswersUntilTheClientGivesUp()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());
        server.Faults.FailNext(FakeFault.Hang);
        using var client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => PostAsync(server, "v1/embeddings", new { model = "text-embedding-3-small", input = "a" }, client: client));
    }

    [Fact]
    public async Task FailNext_Reset_DropsTheConnection()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());
        server.Faults.FailNext(FakeFault.Reset);

        await Assert.ThrowsAsync<HttpRequestException>(() => EmbedAsync(server, "a"));
    }

    [Fact]
    public async Task FailNext_Truncated_EndsTheBodyEarly()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());
        server.Faults.FailNext(FakeFault.Truncated);

        await Assert.ThrowsAsync<HttpRequestException>(() => EmbedAsync(server, Three));
    }

    [Fact]
    public async Task FailNext_Malformed_Sends200ThatIsNotJson()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());
        server.Faults.FailNext(FakeFault.Malformed);

        using var response = await EmbedAsync(server, "a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<JsonException>(() => JsonAsync(response));
    }

    [Fact]
    public async Task FailNext_WrongCount_SendsOneVectorFewer()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());
        server.Faults.FailNext(FakeFault.WrongCount);

        using var response = await EmbedAsync(server, Three);

        Assert.Equal(2, (await JsonAsync(response)).GetProperty("data").GetArrayLength());
        Assert.Equal(0, server.Counters.Succeeded);
    }

    [Fact]
    public async Task FailNext_WrongDimension_MakesOneVectorLonger()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());
        server.Faults.FailNext(FakeFault.WrongDimension);

        using var response = await EmbedAsync(server, Three);

        var lengths = (await JsonAsync(response)).GetProperty("data").EnumerateArray()
            .Select(static d => d.GetProperty("embedding").GetArrayLength()).Order().ToArray();
        Assert.Equal([64, 64, 65], lengths);
    }

    [Fact]
    public async Task FailNext_NaNInFloatJson_WritesANumberBeyondFloat32()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());
        server.Faults.FailNext(FakeFault.NaN);

        using var response = await EmbedAsync(server, Three);

        var values = (await JsonAsync(response)).GetProperty("data").EnumerateArray()
            .SelectMany(static d => d.GetProperty("embedding").EnumerateArray()).ToArray();
        var bad = Assert.Single(values, static v => !float.IsFinite((float)v.GetDouble()));
        Assert.Equal("1e39", bad.GetRawText());
    }

    [Fact]
    public async Task FailNext_NaNInBase64_SendsTheNaNBits()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());
        server.Faults.FailNext(FakeFault.NaN);

        using var response = await PostAsync(server, "v1/embeddings",
            new { model = "text-embedding-3-small", input = Three, encoding_format = "base64" });

        var values = (await JsonAsync(response)).GetProperty("data").EnumerateArray()
            .SelectMany(static d => FromBase64(d.GetProperty("embedding").GetString()!)).ToArray();
        Assert.Single(values, float.IsNaN);
    }

    [Fact]
    public async Task Outage_AnswersEveryRequest503UntilLifted()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());
        server.Faults.Outage = true;

        using var during = await EmbedAsync(server, "a");
        server.Faults.Outage = false;
        using var after = await EmbedAsync(server, "a");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task ForceStatus_AnswersThatStatusOnEveryEndpoint()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());
        server.Faults.ForceStatus = 403;

        using var embed = await EmbedAsync(server, "a");
        using var chat = await PostAsync(server, "v1/chat/completions",
            new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "hi" } } });

        Assert.Equal(HttpStatusCode.Forbidden, embed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, chat.StatusCode);
    }

    [Fact]
    public async Task Rates_AtOne_FaultEveryRequestAndAtZeroNone()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());
        server.Faults.WrongCountRate = 1;

        using var faulted = await EmbedAsync(server, Three);
        server.Faults.Clear();
        using var clean = await EmbedAsync(server, Three);

        Assert.Equal(2, (await JsonAsync(faulted)).GetProperty("data").GetArrayLength());
        Assert.Equal(3, (await JsonAsync(clean)).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task FailNext_VectorFault_IsLeftQueuedForTheNextEmbeddingRequest()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());
        server.Faults.FailNext(FakeFault.WrongCount);

        using var chat = await PostAsync(server, "v1/chat/completions",
            new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "hi" } } });
        using var embed = await EmbedAsync(server, Three);

        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Equal(2, (await JsonAsync(embed)).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task RandomVectors_DifferOnEveryCall()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions { RandomVectors = true });

        using var first = await EmbedAsync(server, "same");
        using var second = await EmbedAsync(server, "same");

        var a = Floats((await JsonAsync(first)).GetProperty("data")[0].GetProperty("embedding"));
        var b = Floats((await JsonAsync(second)).GetProperty("data")[0].GetProperty("embedding"));
        Assert.NotEqual(a, b);
        Assert.Equal(1.0, Math.Sqrt(a.Sum(static v => (double)v * v)), 5);
    }
}
