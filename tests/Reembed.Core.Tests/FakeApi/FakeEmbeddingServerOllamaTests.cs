using System.Net;
using Reembed.Testing.FakeApi;
using static Reembed.Tests.FakeApi.FakeApiHttp;

namespace Reembed.Tests.FakeApi;

public sealed class FakeEmbeddingServerOllamaTests
{
    [Fact]
    public async Task Embed_ArrayInput_AnswersInOllamaShape()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());

        using var response = await PostAsync(server, "api/embed", new { model = "nomic-embed-text", input = new[] { "alpha", "beta" }, dimensions = 8 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal("nomic-embed-text", json.GetProperty("model").GetString());
        var embeddings = json.GetProperty("embeddings");
        Assert.Equal(FakeEmbeddingServer.VectorFor("alpha", 8), Floats(embeddings[0]));
        Assert.Equal(FakeEmbeddingServer.VectorFor("beta", 8), Floats(embeddings[1]));
        Assert.Equal(3, json.GetProperty("prompt_eval_count").GetInt32());
        Assert.True(json.GetProperty("total_duration").GetInt64() >= 0);
        Assert.True(json.TryGetProperty("load_duration", out _));
    }

    [Fact]
    public async Task Embed_StringInput_AnswersOneEmbedding()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());

        using var response = await PostAsync(server, "api/embed", new { model = "nomic-embed-text", input = "alpha" });

        var embeddings = (await JsonAsync(response)).GetProperty("embeddings");
        Assert.Equal(1, embeddings.GetArrayLength());
        Assert.Equal(FakeEmbeddingServer.VectorFor("alpha", 64), Floats(embeddings[0]));
    }

    [Fact]
    public async Task Embed_UnknownModel_Answers404AskingToPull()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());

        using var response = await PostAsync(server, "api/embed", new { model = "x", input = "a" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("{\"error\":\"model \\\"x\\\" not found, try pulling it first\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Embed_OverContextLength_TruncatesByDefaultAndFailsWhenTold()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions { MaxInputTokens = 3 });

        using var truncated = await PostAsync(server, "api/embed", new { model = "nomic-embed-text", input = "a b c d e" });
        using var refused = await PostAsync(server, "api/embed", new { model = "nomic-embed-text", input = "a b c d e", truncate = false });

        var json = await JsonAsync(truncated);
        Assert.Equal(FakeEmbeddingServer.VectorFor("a b c", 64), Floats(json.GetProperty("embeddings")[0]));
        Assert.Equal(3, json.GetProperty("prompt_eval_count").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("context length", (await JsonAsync(refused)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embed_Poison_Answers400InOllamaShape()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());

        using var response = await PostAsync(server, "api/embed", new { model = "nomic-embed-text", input = new[] { "ok", "POISON" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid input at index 1", (await JsonAsync(response)).GetProperty("error").GetString());
    }
}
