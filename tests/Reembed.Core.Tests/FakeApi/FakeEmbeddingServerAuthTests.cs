using System.Net;
using Reembed.Remote;
using Reembed.Testing.FakeApi;
using static Reembed.Tests.FakeApi.FakeApiHttp;

namespace Reembed.Tests.FakeApi;

public sealed class FakeEmbeddingServerAuthTests
{
    private const string Key = "sk-abc0123456789defwxyz";
    private static readonly object Body = new { model = "text-embedding-3-small", input = new[] { "a" } };

    [Fact]
    public async Task Embeddings_RightBearer_Succeeds()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions { ApiKey = Key });

        using var response = await PostAsync(server, "v1/embeddings", Body, bearer: Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Embeddings_WrongBearer_Answers401EchoingTheGivenKeyMasked()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions { ApiKey = Key });
        const string Given = "sk-abcDEFGHIJKLMNOPQwxyz";

        using var response = await PostAsync(server, "v1/embeddings", Body, bearer: Given);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await JsonAsync(response)).GetProperty("error");
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("sk-abc**************wxyz", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Given, message, StringComparison.Ordinal);
        // The echo is what a client's redactor must catch.
        Assert.DoesNotContain("wxyz", new SecretRedactor([Given]).Redact(message), StringComparison.Ordinal);
        Assert.Equal(1, server.Counters.Requests);
        Assert.Equal(0, server.Counters.Succeeded);
    }

    [Fact]
    public async Task Embeddings_NoKey_Answers401()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions { ApiKey = Key });

        using var response = await PostAsync(server, "v1/embeddings", Body);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("didn't provide an API key", (await JsonAsync(response)).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ollama_WrongKey_Answers401InOllamaShape()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions { ApiKey = Key });

        using var response = await PostAsync(server, "api/embed", new { model = "nomic-embed-text", input = "a" }, bearer: "nope");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.String, (await JsonAsync(response)).GetProperty("error").ValueKind);
    }
}
