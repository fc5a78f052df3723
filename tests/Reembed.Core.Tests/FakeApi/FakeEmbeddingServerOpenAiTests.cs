using System.Net;
using System.Text.Json;
using Reembed.Testing.FakeApi;
using static Reembed.Tests.FakeApi.FakeApiHttp;

namespace Reembed.Tests.FakeApi;

public sealed class FakeEmbeddingServerOpenAiTests
{
    [Fact]
    public async Task Embeddings_FloatFormat_RoundTripsVectorForExactly()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());

        using var response = await EmbedAsync(server, "alpha", "beta gamma");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal("list", json.GetProperty("object").GetString());
        Assert.Equal("text-embedding-3-small", json.GetProperty("model").GetString());
        var data = json.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(2, data.Length);
        Assert.Equal("embedding", data[0].GetProperty("object").GetString());
        Assert.Equal(FakeEmbeddingServer.VectorFor("alpha", 64), Floats(data[0].GetProperty("embedding")));
        Assert.Equal(FakeEmbeddingServer.VectorFor("beta gamma", 64), Floats(data[1].GetProperty("embedding")));
    }

    [Fact]
    public async Task Embeddings_Base64WithDimensions_RoundTripsLittleEndianFloats()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());

        using var response = await PostAsync(server, "v1/embeddings",
            new { model = "text-embedding-3-small", input = new[] { "alpha" }, dimensions = 12, encoding_format = "base64" });

        var json = await JsonAsync(response);
        var text = json.GetProperty("data")[0].GetProperty("embedding").GetString()!;
        Assert.Equal(FakeEmbeddingServer.VectorFor("alpha", 12), FromBase64(text));
    }

    [Fact]
    public async Task Embeddings_StringInput_ReportsUsageFromCountTokens()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());
        const string Text = "Hello, world! abcdefghi";

        using var response = await PostAsync(server, "v1/embeddings", new { model = "text-embedding-3-small", input = Text });

        var usage = (await JsonAsync(response)).GetProperty("usage");
        // Hell·o , worl·d ! abcd·efgh·i
        Assert.Equal(9, FakeEmbeddingServer.CountTokens(Text));
        Assert.Equal(9, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(9, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Embeddings_ShuffleData_KeepsEachIndexWithItsVector()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions { ShuffleData = true, Seed = 7 });
        var inputs = Enumerable.Range(0, 20).Select(static i => $"text {i}").ToArray();

        using var response = await EmbedAsync(server, inputs);

        var data = (await JsonAsync(response)).GetProperty("data").EnumerateArray().ToArray();
        var indexes = data.Select(static d => d.GetProperty("index").GetInt32()).ToArray();
        Assert.NotEqual(Enumerable.Range(0, 20), indexes);
        Assert.Equal(Enumerable.Range(0, 20), indexes.Order());
        Assert.All(data, d => Assert.Equal(
            FakeEmbeddingServer.VectorFor(inputs[d.GetProperty("index").GetInt32()], 64), Floats(d.GetProperty("embedding"))));
    }

    [Fact]
    public async Task Embeddings_UnknownModel_Answers404ModelNotFound()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());

        using var response = await PostAsync(server, "v1/embeddings", new { model = "no-such-model", input = new[] { "x" } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = (await JsonAsync(response)).GetProperty("error");
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Contains("no-such-model", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_InputOverContextLength_Answers400NamingTheIndex()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions { MaxInputTokens = 5 });

        using var response = await EmbedAsync(server, "short", "a b c d e f");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await JsonAsync(response)).GetProperty("error").GetProperty("message").GetString()!;
        Assert.StartsWith("This model's maximum context length is 5 tokens, however you requested 6 tokens", message, StringComparison.Ordinal);
        Assert.Contains("index 1", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_RejectBase64_Answers400ForBase64AndServesFloat()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions { RejectBase64 = true });

        using var refused = await PostAsync(server, "v1/embeddings", new { model = "text-embedding-3-small", input = new[] { "a" }, encoding_format = "base64" });
        using var served = await PostAsync(server, "v1/embeddings", new { model = "text-embedding-3-small", input = new[] { "a" }, encoding_format = "float" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("encoding_format", (await JsonAsync(refused)).GetProperty("error").GetProperty("param").GetString());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task Embeddings_PoisonInput_FailsWholeRequestNamingIndex()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());

        using var response = await EmbedAsync(server, "fine", "also fine", "this is POISON");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await JsonAsync(response)).GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("Invalid input at index 2", error.GetProperty("message").GetString());
        Assert.Equal(0, server.Counters.Succeeded);
    }

    [Fact]
    public async Task Embeddings_TooManyInputs_Answers400()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions { MaxInputsPerRequest = 2 });

        using var response = await EmbedAsync(server, "a", "b", "c");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Azure_DeploymentRouteWithApiKey_AnswersLikeOpenAi()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions { ApiKey = "azure-key-0123456789" });

        using var response = await PostAsync(server, "openai/deployments/text-embedding-3-small/embeddings?api-version=2024-02-01",
            new { input = new[] { "alpha" } }, apiKeyHeader: "azure-key-0123456789");
        using var unknown = await PostAsync(server, "openai/deployments/other/embeddings?api-version=2024-02-01",
            new { input = new[] { "alpha" } }, apiKeyHeader: "azure-key-0123456789");
        using var noVersion = await PostAsync(server, "openai/deployments/text-embedding-3-small/embeddings",
            new { input = new[] { "alpha" } }, apiKeyHeader: "azure-key-0123456789");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal(FakeEmbeddingServer.VectorFor("alpha", 64), Floats(json.GetProperty("data")[0].GetProperty("embedding")));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("DeploymentNotFound", (await JsonAsync(unknown)).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, noVersion.StatusCode);
    }

    [Fact]
    public async Task UnknownPath_Answers404WithOpenAiErrorBody()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());

        using var response = await PostAsync(server, "v1/embedding", new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Invalid URL", (await JsonAsync(response)).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
