using System.Net;
using Microsoft.Extensions.AI;
using Reembed.Remote;
using Reembed.Testing;
using Reembed.Tests.Remote.OpenAi;

namespace Reembed.Tests.Remote.Ollama;

public class OllamaEmbeddingGeneratorTests
{
    [Fact]
    public async Task GenerateAsync_Defaults_PostsModelAndInputsOnlyToApiEmbed()
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.OK, Body(OpenAiCanned.Vectors(2, 4)));
        using var generator = RemoteEmbedders.CreateOllama(Options(handler));

        await generator.GenerateAsync(["first", "second"]);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://localhost:11434/api/embed", request.Uri.ToString());
        Assert.Null(request.Header("Authorization"));
        using var body = request.Json();
        var root = body.RootElement;
        Assert.Equal("nomic-embed-text", root.GetProperty("model").GetString());
        Assert.Equal(["first", "second"], root.GetProperty("input").EnumerateArray().Select(e => e.GetString()));
        Assert.False(root.TryGetProperty("truncate", out _));
        Assert.False(root.TryGetProperty("dimensions", out _));
        Assert.False(root.TryGetProperty("encoding_format", out _));
    }

    [Fact]
    public async Task GenerateAsync_TruncateAndDimensionsSet_SendsBoth()
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.OK, Body(OpenAiCanned.Vectors(1, 4)));
        var options = Options(handler);
        options.BaseUrl = new Uri("http://gpu-box:11434/");
        options.Truncate = false;
        options.Dimensions = 256;
        using var generator = RemoteEmbedders.CreateOllama(options);

        await generator.GenerateAsync(["x"]);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://gpu-box:11434/api/embed", request.Uri.ToString());
        using var body = request.Json();
        Assert.False(body.RootElement.GetProperty("truncate").GetBoolean());
        Assert.Equal(256, body.RootElement.GetProperty("dimensions").GetInt32());
    }

    [Fact]
    public async Task GenerateAsync_Response_GivesVectorsInOrderWithUsage()
    {
        using var handler = new StubHttpHandler();
        var vectors = OpenAiCanned.Vectors(3, 768);
        handler.Always(HttpStatusCode.OK, Body(vectors));
        using var generator = RemoteEmbedders.CreateOllama(Options(handler));

        var result = await generator.GenerateAsync(["a", "b", "c"]);

        Assert.Equal(vectors, result.Select(e => e.Vector.ToArray()));
        Assert.Equal("nomic-embed-text", result[0].ModelId);
        Assert.Equal(8, result.Usage?.InputTokenCount);
        Assert.Equal(8, result.Usage?.TotalTokenCount);
    }

    [Fact]
    public async Task GenerateAsync_CountMismatch_ThrowsItemWrongCount()
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.OK, Body(OpenAiCanned.Vectors(1, 4)));
        using var generator = RemoteEmbedders.CreateOllama(Options(handler));

        var error = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a", "b"]));

        Assert.Equal(ErrorKind.Item, error.Kind);
        Assert.Equal("wrong-count", error.ErrorClass);
        Assert.Contains("1 vectors for 2 inputs", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"model\":\"nomic-embed-text\"}", "no \"embeddings\" array")]
    [InlineData("{\"embeddings\":[[0.1,null]]}", "null where a number belongs")]
    [InlineData("{\"embeddings\":[[0.1]", "sent a malformed response")]
    public async Task GenerateAsync_Malformed_ThrowsTransient(string body, string expected)
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.OK, body);
        using var generator = RemoteEmbedders.CreateOllama(Options(handler));

        var error = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal(ApiErrorClasses.MalformedResponse, error.ErrorClass);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "{\"error\":\"model \\\"nomic-embed-txt\\\" not found, try pulling it first\"}", ErrorKind.Fatal, "unknown-model")]
    [InlineData(HttpStatusCode.BadRequest, "{\"error\":\"the input length exceeds the context length\"}", ErrorKind.Item, "rejected-input")]
    [InlineData(HttpStatusCode.InternalServerError, "{\"error\":\"llama runner process has terminated: exit status 2\"}", ErrorKind.Transient, "server-error")]
    public async Task GenerateAsync_ErrorStatus_IsClassifiedWithTheServersMessage(
        HttpStatusCode status, string body, ErrorKind kind, string errorClass)
    {
        using var handler = new StubHttpHandler();
        handler.Always(status, body);
        using var generator = RemoteEmbedders.CreateOllama(Options(handler));

        var error = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(errorClass, error.ErrorClass);
        Assert.StartsWith("ollama at http://localhost:11434", error.Message, StringComparison.Ordinal);
        var said = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()!;
        Assert.Contains(said, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_ModelLoadSlowerThanTimeout_ThrowsTransientTimeout()
    {
        using var handler = new StubHttpHandler();
        handler.OnSend = async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return StubHttpHandler.Json(HttpStatusCode.OK, "{}");
        };
        var options = Options(handler);
        options.RequestTimeout = TimeSpan.FromMilliseconds(100);
        using var generator = RemoteEmbedders.CreateOllama(options);

        var error = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(ApiErrorClasses.Timeout, error.ErrorClass);
    }

    [Fact]
    public async Task GenerateAsync_CancelledBeforehand_ThrowsOperationCanceled()
    {
        using var handler = new StubHttpHandler();
        using var generator = RemoteEmbedders.CreateOllama(Options(handler));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => generator.GenerateAsync(["a"], cancellationToken: new CancellationToken(canceled: true)));
    }

    [Fact]
    public void GetService_Metadata_NamesOllama()
    {
        using var handler = new StubHttpHandler();
        using var generator = RemoteEmbedders.CreateOllama(Options(handler));

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal("ollama", metadata?.ProviderName);
        Assert.Equal("nomic-embed-text", metadata?.DefaultModelId);
        Assert.Equal(new Uri("http://localhost:11434"), metadata?.ProviderUri);
    }

    private static OllamaEmbedderOptions Options(StubHttpHandler handler) => new()
    {
        Model = "nomic-embed-text",
        Handler = handler,
        Time = new ManualTimeProvider(),
    };

    private static string Body(float[][] vectors) =>
        "{\"model\":\"nomic-embed-text\",\"embeddings\":[" + string.Join(",", vectors.Select(OpenAiCanned.Numbers))
        + "],\"total_duration\":14143917,\"load_duration\":1019500,\"prompt_eval_count\":8}";
}
