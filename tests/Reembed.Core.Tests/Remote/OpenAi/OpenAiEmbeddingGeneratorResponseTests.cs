using System.Net;
using Reembed.Remote;
using Reembed.Testing;

namespace Reembed.Tests.Remote.OpenAi;

public class OpenAiEmbeddingGeneratorResponseTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GenerateAsync_FloatsOrBase64_EqualTheSentFloatsExactly(bool base64)
    {
        using var handler = new StubHttpHandler();
        var vectors = OpenAiCanned.Vectors(5, 3072);
        handler.Always(HttpStatusCode.OK, OpenAiCanned.Body(vectors, base64));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var result = await generator.GenerateAsync(["a", "b", "c", "d", "e"]);

        Assert.Equal(vectors.Length, result.Count);
        for (var i = 0; i < vectors.Length; i++)
        {
            Assert.Equal(vectors[i], result[i].Vector.ToArray());
            Assert.Equal("text-embedding-3-small", result[i].ModelId);
        }
    }

    [Fact]
    public async Task GenerateAsync_ReorderedIndexes_PutsEachVectorAtItsInput()
    {
        using var handler = new StubHttpHandler();
        var vectors = OpenAiCanned.Vectors(4, 8);
        handler.Always(HttpStatusCode.OK, OpenAiCanned.Body(vectors, order: [2, 0, 3, 1]));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var result = await generator.GenerateAsync(["a", "b", "c", "d"]);

        Assert.Equal(vectors, result.Select(e => e.Vector.ToArray()));
    }

    [Fact]
    public async Task GenerateAsync_ServerIgnoresBase64_AcceptsArrays()
    {
        using var handler = new StubHttpHandler();
        var vectors = OpenAiCanned.Vectors(2, 16);
        handler.Always(HttpStatusCode.OK, OpenAiCanned.Body(vectors, base64: false));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var result = await generator.GenerateAsync(["a", "b"]);

        Assert.Contains("\"base64\"", Assert.Single(handler.Requests).Body, StringComparison.Ordinal);
        Assert.Equal(vectors, result.Select(e => e.Vector.ToArray()));
    }

    [Fact]
    public async Task GenerateAsync_MixedFormsAndEscapedSlash_DecodesEach()
    {
        using var handler = new StubHttpHandler();
        float[] first = [1.5f, -2.25f];
        float[] second = [BitConverter.Int32BitsToSingle(0x3F3FFFFF), 0.1f];
        var escaped = OpenAiCanned.Base64(second).Replace("/", "\\/", StringComparison.Ordinal);
        Assert.Contains("\\/", escaped, StringComparison.Ordinal);
        handler.Always(HttpStatusCode.OK,
            $"{{\"data\":[{{\"index\":0,\"embedding\":{OpenAiCanned.Numbers(first)}}},{{\"index\":1,\"embedding\":\"{escaped}\"}}]}}");
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var result = await generator.GenerateAsync(["a", "b"]);

        Assert.Equal(first, result[0].Vector.ToArray());
        Assert.Equal(second, result[1].Vector.ToArray());
        Assert.Null(result.Usage);
    }

    [Fact]
    public async Task GenerateAsync_NumbersBeyondFloat_BecomeInfinityForValidationToCatch()
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.OK, "{\"data\":[{\"index\":0,\"embedding\":[1e39,-1e400,0.5]}]}");
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var result = await generator.GenerateAsync(["a"]);

        Assert.Equal([float.PositiveInfinity, float.NegativeInfinity, 0.5f], result[0].Vector.ToArray());
    }

    [Fact]
    public async Task GenerateAsync_Usage_IsReported()
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.OK, OpenAiCanned.Body(OpenAiCanned.Vectors(1, 4)));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var result = await generator.GenerateAsync(["a"]);

        Assert.NotNull(result.Usage);
        Assert.Equal(17, result.Usage.InputTokenCount);
        Assert.Equal(19, result.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task GenerateAsync_RateLimitHeaders_AreAttached()
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.OK, OpenAiCanned.Body(OpenAiCanned.Vectors(1, 4)),
            ("x-ratelimit-remaining-requests", "99"), ("x-ratelimit-reset-tokens", "6m0s"));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var result = await generator.GenerateAsync(["a"]);

        var info = Assert.IsType<RateLimitInfo>(result.AdditionalProperties?[RemoteProperties.RateLimit]);
        Assert.Equal(99, info.RemainingRequests);
        Assert.Equal(TimeSpan.FromMinutes(6), info.ResetTokens);
    }

    [Fact]
    public async Task GenerateAsync_NoRateLimitHeaders_AttachesNothing()
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.OK, OpenAiCanned.Body(OpenAiCanned.Vectors(1, 4)));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var result = await generator.GenerateAsync(["a"]);

        Assert.False(result.AdditionalProperties?.ContainsKey(RemoteProperties.RateLimit) ?? false);
    }

    [Theory]
    [InlineData(new[] { 0, 1 }, "2 vectors for 3 inputs")]
    [InlineData(new[] { 0, 1, 2, 2 }, "4 vectors for 3 inputs")]
    [InlineData(new[] { 0, 1, 1 }, "indexes do not cover")]
    [InlineData(new[] { 0, 1, 3 }, "indexes do not cover")]
    public async Task GenerateAsync_VectorsDoNotMatchInputs_ThrowsItemWrongCount(int[] order, string expected)
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.OK, OpenAiCanned.Body(OpenAiCanned.Vectors(4, 4), order: order));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var error = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a", "b", "c"]));

        Assert.Equal(ErrorKind.Item, error.Kind);
        Assert.Equal("wrong-count", error.ErrorClass);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"data\":[{\"index\":0,\"embedding\":[0.1,")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task GenerateAsync_BrokenJson_ThrowsTransientMalformed(string body)
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.OK, body);
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var error = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal(ApiErrorClasses.MalformedResponse, error.ErrorClass);
    }

    [Theory]
    [InlineData("{\"object\":\"list\"}", "no \"data\" array")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"data\":{}}", "\"data\" is an object")]
    [InlineData("{\"data\":[{\"index\":0}]}", "no \"embedding\"")]
    [InlineData("{\"data\":[{\"index\":0,\"embedding\":true}]}", "an embedding is a boolean")]
    [InlineData("{\"data\":[{\"index\":0,\"embedding\":[0.1,\"x\"]}]}", "a string where a number belongs")]
    [InlineData("{\"data\":[{\"index\":\"0\",\"embedding\":[0.1]}]}", "\"index\" is not an integer")]
    [InlineData("{\"data\":[{\"index\":0,\"embedding\":\"AAAAAA\"}]}", "whole number of base64 blocks")]
    [InlineData("{\"data\":[{\"index\":0,\"embedding\":\"AAAAAAA=\"}]}", "whole number of float32")]
    [InlineData("{\"data\":[{\"index\":0,\"embedding\":\"AA!AAA==\"}]}", "not valid base64")]
    public async Task GenerateAsync_WrongShape_ThrowsTransientMalformedSayingWhat(string body, string expected)
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.OK, body);
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var error = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal(ApiErrorClasses.MalformedResponse, error.ErrorClass);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("openai at http://127.0.0.1:8089/v1 ", error.Message, StringComparison.Ordinal);
    }
}
