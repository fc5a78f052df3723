using System.Net;
using Reembed.Remote;
using Reembed.Testing;

namespace Reembed.Tests.Remote.OpenAi;

public class OpenAiEmbeddingGeneratorErrorTests
{
    [Fact]
    public async Task GenerateAsync_429_ThrowsTransientWithRetryAfterMs()
    {
        using var handler = new StubHttpHandler();
        handler.Always((HttpStatusCode)429, OpenAiCanned.Error("Rate limit reached for requests", "requests", "rate_limit_exceeded"),
            ("retry-after-ms", "1500"), ("x-ratelimit-remaining-requests", "0"));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var error = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal(ApiErrorClasses.RateLimited, error.ErrorClass);
        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), error.RetryAfter);
        Assert.Equal(0, error.RateLimit?.RemainingRequests);
        Assert.Contains("openai at http://127.0.0.1:8089/v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_500_ThrowsTransientServerError()
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.InternalServerError, OpenAiCanned.Error("The server had an error while processing your request.", "server_error"));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var error = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal(ApiErrorClasses.ServerError, error.ErrorClass);
        Assert.Contains("server had an error", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Incorrect API key provided: sk-Zq8x**************n6Bc. You can find your API key at https://platform.openai.com/account/api-keys.")]
    [InlineData("Incorrect API key provided: sk-Zq8xVw3Lp9Tr2Kd7Yh4Mn6Bc.")]
    [InlineData("key=sk-Zq8xVw3Lp9Tr2Kd7Yh4Mn6Bc rejected")]
    public async Task GenerateAsync_401EchoingTheKey_ThrowsFatalWithoutAnyPartOfTheKey(string serverMessage)
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.Unauthorized, OpenAiCanned.Error(serverMessage, code: "invalid_api_key"));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var error = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(ErrorKind.Fatal, error.Kind);
        Assert.Equal(ApiErrorClasses.Unauthorized, error.ErrorClass);
        Assert.Contains("apiKeyEnv", error.Message, StringComparison.Ordinal);
        var key = OpenAiCanned.Key;
        for (var i = 0; i + 5 <= key.Length; i++)
        {
            Assert.DoesNotContain(key.Substring(i, 5), error.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("n6Bc", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_404UnknownModel_ThrowsFatalUnknownModel()
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.NotFound,
            OpenAiCanned.Error("The model `text-embedding-4` does not exist or you do not have access to it.", code: "model_not_found"));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var error = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(ErrorKind.Fatal, error.Kind);
        Assert.Equal(ApiErrorClasses.UnknownModel, error.ErrorClass);
        Assert.Contains("text-embedding-4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_400TooLong_ThrowsItemRejectedInputWithTheApisMessage()
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.BadRequest, OpenAiCanned.Error(
            "This model's maximum context length is 8192 tokens, however you requested 9120 tokens (9120 in your prompt; 0 for the completion). Please reduce your prompt; or completion length."));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var error = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(ErrorKind.Item, error.Kind);
        Assert.Equal(ApiErrorClasses.RejectedInput, error.ErrorClass);
        Assert.Contains("maximum context length is 8192 tokens", error.Message, StringComparison.Ordinal);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GenerateAsync_ServerRefusesBase64_RetriesOnceWithFloatsAndKeepsFloats()
    {
        using var handler = new StubHttpHandler();
        var vectors = OpenAiCanned.Vectors(1, 8);
        handler.OnSend = (request, _) => Task.FromResult(request.Body.Contains("encoding_format", StringComparison.Ordinal)
            ? StubHttpHandler.Json(HttpStatusCode.BadRequest, OpenAiCanned.Error("Unsupported value: 'encoding_format' does not support 'base64'."))
            : StubHttpHandler.Json(HttpStatusCode.OK, OpenAiCanned.Body(vectors)));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var first = await generator.GenerateAsync(["a"]);
        var second = await generator.GenerateAsync(["b"]);

        Assert.Equal(vectors[0], first[0].Vector.ToArray());
        Assert.Equal(vectors[0], second[0].Vector.ToArray());
        var bodies = handler.Requests.Select(r => r.Body.Contains("\"base64\"", StringComparison.Ordinal)).ToList();
        Assert.Equal([true, false, false], bodies);
    }

    [Fact]
    public async Task GenerateAsync_RefusedEvenWithFloats_ThrowsAfterOneRetry()
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.BadRequest, OpenAiCanned.Error("encoding_format: unknown field"));
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var error = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(ErrorKind.Item, error.Kind);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task GenerateAsync_HostNamedBase64_400DoesNotSwitchToFloats()
    {
        using var handler = new StubHttpHandler();
        handler.Always(HttpStatusCode.BadRequest, OpenAiCanned.Error("input is empty"));
        var options = OpenAiCanned.Options(handler);
        options.BaseUrl = new Uri("http://base64.example/v1");
        using var generator = RemoteEmbedders.CreateOpenAi(options);

        await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a"]));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GenerateAsync_ServerSlowerThanTimeout_ThrowsTransientTimeout()
    {
        using var handler = new StubHttpHandler();
        handler.OnSend = async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return StubHttpHandler.Json(HttpStatusCode.OK, "{}");
        };
        var options = OpenAiCanned.Options(handler);
        options.RequestTimeout = TimeSpan.FromMilliseconds(100);
        using var generator = RemoteEmbedders.CreateOpenAi(options);

        var error = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal(ApiErrorClasses.Timeout, error.ErrorClass);
    }

    [Fact]
    public async Task GenerateAsync_CallerCancels_ThrowsOperationCanceledUnwrapped()
    {
        using var handler = new StubHttpHandler();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        handler.OnSend = async (_, token) =>
        {
            entered.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return StubHttpHandler.Json(HttpStatusCode.OK, "{}");
        };
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));
        using var cancellation = new CancellationTokenSource();

        var call = generator.GenerateAsync(["a"], cancellationToken: cancellation.Token);
        await entered.Task;
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.IsNotType<ApiException>(error.InnerException);
    }

    [Fact]
    public async Task GenerateAsync_ConnectionRefused_ThrowsTransientConnection()
    {
        using var handler = new StubHttpHandler();
        handler.OnSend = (_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:8089)");
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));

        var error = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal(ApiErrorClasses.Connection, error.ErrorClass);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }
}
