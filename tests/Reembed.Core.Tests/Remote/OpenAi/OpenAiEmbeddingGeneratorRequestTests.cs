using System.Text.Json;
using Microsoft.Extensions.AI;
using Reembed.Remote;
using Reembed.Testing;

namespace Reembed.Tests.Remote.OpenAi;

public class OpenAiEmbeddingGeneratorRequestTests
{
    [Fact]
    public async Task GenerateAsync_Defaults_PostsModelInputsAndBase64ToEmbeddings()
    {
        using var handler = new StubHttpHandler();
        OpenAiCanned.AnswerWith(handler, OpenAiCanned.Vectors(2, 4));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        await generator.GenerateAsync(["first text", "second text"]);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://127.0.0.1:8089/v1/embeddings", request.Uri.ToString());
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        using var body = request.Json();
        var root = body.RootElement;
        Assert.Equal("text-embedding-3-small", root.GetProperty("model").GetString());
        Assert.Equal(["first text", "second text"], root.GetProperty("input").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("base64", root.GetProperty("encoding_format").GetString());
        Assert.False(root.TryGetProperty("dimensions", out _));
    }

    [Fact]
    public async Task GenerateAsync_DimensionsSetAndFloatsPreferred_SendsDimensionsAndNoEncodingFormat()
    {
        using var handler = new StubHttpHandler();
        OpenAiCanned.AnswerWith(handler, OpenAiCanned.Vectors(1, 256));
        var options = OpenAiCanned.Options(handler);
        options.Dimensions = 256;
        options.PreferBase64 = false;
        using var generator = RemoteEmbedders.CreateOpenAi(options);

        await generator.GenerateAsync(["x"]);

        using var body = Assert.Single(handler.Requests).Json();
        Assert.Equal(256, body.RootElement.GetProperty("dimensions").GetInt32());
        Assert.False(body.RootElement.TryGetProperty("encoding_format", out _));
    }

    [Fact]
    public async Task GenerateAsync_OptionsDimensions_OverrideConfigured()
    {
        using var handler = new StubHttpHandler();
        OpenAiCanned.AnswerWith(handler, OpenAiCanned.Vectors(1, 8));
        var options = OpenAiCanned.Options(handler);
        options.Dimensions = 256;
        using var generator = RemoteEmbedders.CreateOpenAi(options);

        await generator.GenerateAsync(["x"], new EmbeddingGenerationOptions { Dimensions = 8 });

        using var body = Assert.Single(handler.Requests).Json();
        Assert.Equal(8, body.RootElement.GetProperty("dimensions").GetInt32());
    }

    [Fact]
    public async Task GenerateAsync_OpenAiMode_SendsBearerKeyOnly()
    {
        using var handler = new StubHttpHandler();
        OpenAiCanned.AnswerWith(handler, OpenAiCanned.Vectors(1, 4));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        await generator.GenerateAsync(["x"]);

        var request = Assert.Single(handler.Requests);
        Assert.Equal($"Bearer {OpenAiCanned.Key}", request.Header("Authorization"));
        Assert.Null(request.Header("api-key"));
    }

    [Fact]
    public async Task GenerateAsync_NoKey_SendsNoAuthorization()
    {
        using var handler = new StubHttpHandler();
        OpenAiCanned.AnswerWith(handler, OpenAiCanned.Vectors(1, 4));
        var options = OpenAiCanned.Options(handler);
        options.ApiKey = null;
        using var generator = RemoteEmbedders.CreateOpenAi(options);

        await generator.GenerateAsync(["x"]);

        Assert.Null(Assert.Single(handler.Requests).Header("Authorization"));
    }

    [Fact]
    public async Task GenerateAsync_AzureMode_UsesDeploymentUrlAndApiKeyHeader()
    {
        using var handler = new StubHttpHandler();
        OpenAiCanned.AnswerWith(handler, OpenAiCanned.Vectors(1, 4));
        var options = OpenAiCanned.Options(handler);
        options.BaseUrl = new Uri("https://my-resource.openai.azure.com/");
        options.Model = "my embeddings";
        options.AzureApiVersion = "2024-10-21";
        using var generator = RemoteEmbedders.CreateOpenAi(options);

        await generator.GenerateAsync(["x"]);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(
            "https://my-resource.openai.azure.com/openai/deployments/my%20embeddings/embeddings?api-version=2024-10-21",
            request.Uri.AbsoluteUri);
        Assert.Equal(OpenAiCanned.Key, request.Header("api-key"));
        Assert.Null(request.Header("Authorization"));
    }

    [Fact]
    public async Task GenerateAsync_BaseUrlWithTrailingSlash_AppendsOnePathSegment()
    {
        using var handler = new StubHttpHandler();
        OpenAiCanned.AnswerWith(handler, OpenAiCanned.Vectors(1, 4));
        var options = OpenAiCanned.Options(handler);
        options.BaseUrl = new Uri("http://localhost:11434/v1/");
        using var generator = RemoteEmbedders.CreateOpenAi(options);

        await generator.GenerateAsync(["x"]);

        Assert.Equal("http://localhost:11434/v1/embeddings", Assert.Single(handler.Requests).Uri.ToString());
    }

    [Fact]
    public async Task GenerateAsync_LongAndNonAsciiTexts_ArriveIntact()
    {
        using var handler = new StubHttpHandler();
        var texts = Enumerable.Range(0, 40).Select(i => $"{i} Grüße, 日本語 \"quoted\" <tag> & " + new string('x', 10_000)).ToList();
        OpenAiCanned.AnswerWith(handler, OpenAiCanned.Vectors(texts.Count, 4));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        await generator.GenerateAsync(texts);

        var request = Assert.Single(handler.Requests);
        Assert.Contains("Grüße, 日本語", request.Body, StringComparison.Ordinal);
        using var body = request.Json();
        Assert.Equal(texts, body.RootElement.GetProperty("input").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task GenerateAsync_LoneSurrogate_IsSentAsValidJson()
    {
        using var handler = new StubHttpHandler();
        OpenAiCanned.AnswerWith(handler, OpenAiCanned.Vectors(1, 4));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        await generator.GenerateAsync(["broken \ud800 text"]);

        using var body = Assert.Single(handler.Requests).Json();
        Assert.StartsWith("broken ", body.RootElement.GetProperty("input")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_NoInputs_SendsNothing()
    {
        using var handler = new StubHttpHandler();
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var result = await generator.GenerateAsync([]);

        Assert.Empty(result);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GenerateAsync_NullText_ThrowsArgumentException()
    {
        using var handler = new StubHttpHandler();
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["a", null!]));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void GetService_Metadata_DescribesProviderUrlModelAndDimensions()
    {
        using var handler = new StubHttpHandler();
        var options = OpenAiCanned.Options(handler);
        options.Dimensions = 512;
        using var generator = RemoteEmbedders.CreateOpenAi(options);

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("openai", metadata.ProviderName);
        Assert.Equal(new Uri("http://127.0.0.1:8089/v1"), metadata.ProviderUri);
        Assert.Equal("text-embedding-3-small", metadata.DefaultModelId);
        Assert.Equal(512, metadata.DefaultModelDimensions);
    }

    [Fact]
    public void Dispose_CallersHandler_IsLeftUndisposed()
    {
        using var handler = new StubHttpHandler();
        var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        generator.Dispose();

        Assert.False(handler.Disposed);
    }
}
