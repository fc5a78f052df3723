using System.Net;
using Microsoft.Extensions.AI;
using Reembed.Enrichment;
using Reembed.Remote;

namespace Reembed.Tests.Enrichment;

public sealed class OpenAiChatClientErrorTests : IDisposable
{
    private const string Key = "sk-test-4f9a8b7c6d5e4f3a2b1c";

    private readonly RecordingHttpHandler _handler = new();

    public void Dispose() => _handler.Dispose();

    private IChatClient Client(TimeSpan? timeout = null) => Enrichers.CreateChatClient(new EnrichOptions
    {
        BaseUrl = new Uri("http://llm.test/v1"),
        Model = "rewriter-1",
        Prompt = "Rewrite.",
        ApiKey = Key,
        Handler = _handler,
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(60),
    });

    private async Task<ApiException> FailAsync(HttpStatusCode status, string body, TimeSpan? timeout = null)
    {
        _handler.Respond = (_, _) => Task.FromResult(RecordingHttpHandler.Json(status, body));
        using var client = Client(timeout);
        return await Assert.ThrowsAsync<ApiException>(() => client.GetResponseAsync([new(ChatRole.User, "text")]));
    }

    [Fact]
    public async Task GetResponseAsync_Unauthorized_ThrowsFatalWithoutTheKey()
    {
        var ex = await FailAsync(HttpStatusCode.Unauthorized,
            $$$"""{"error":{"message":"Incorrect API key provided: {{{Key}}}. Also sk-tes***2b1c.","type":"invalid_request_error"}}""");

        Assert.Equal(ErrorKind.Fatal, ex.Kind);
        Assert.Equal(ApiErrorClasses.Unauthorized, ex.ErrorClass);
        Assert.Equal(401, ex.StatusCode);
        Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("2b1c", ex.Message, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_BadRequest_ThrowsItem()
    {
        var ex = await FailAsync(HttpStatusCode.BadRequest, """{"error":{"message":"This input is too long"}}""");

        Assert.Equal(ErrorKind.Item, ex.Kind);
        Assert.Equal(ApiErrorClasses.RejectedInput, ex.ErrorClass);
        Assert.Contains("too long", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_ServerError_ThrowsTransient()
    {
        var ex = await FailAsync(HttpStatusCode.InternalServerError, "upstream exploded");

        Assert.Equal(ErrorKind.Transient, ex.Kind);
        Assert.Equal(ApiErrorClasses.ServerError, ex.ErrorClass);
    }

    [Fact]
    public async Task GetResponseAsync_TooManyRequests_ThrowsTransientWithRetryAfter()
    {
        _handler.Respond = (_, _) =>
        {
            var response = RecordingHttpHandler.Json(HttpStatusCode.TooManyRequests, """{"error":{"message":"slow down"}}""");
            response.Headers.Add("retry-after-ms", "1500");
            return Task.FromResult(response);
        };
        using var client = Client();

        var ex = await Assert.ThrowsAsync<ApiException>(() => client.GetResponseAsync([new(ChatRole.User, "text")]));

        Assert.Equal(ApiErrorClasses.RateLimited, ex.ErrorClass);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), ex.RetryAfter);
    }

    [Fact]
    public async Task GetResponseAsync_MalformedJson_ThrowsTransientMalformed()
    {
        var ex = await FailAsync(HttpStatusCode.OK, """{"choices":[{"message":""");

        Assert.Equal(ErrorKind.Transient, ex.Kind);
        Assert.Equal(ApiErrorClasses.MalformedResponse, ex.ErrorClass);
    }

    [Fact]
    public async Task GetResponseAsync_NoChoices_ThrowsTransientMalformed()
    {
        var ex = await FailAsync(HttpStatusCode.OK, """{"id":"x","choices":[]}""");

        Assert.Equal(ApiErrorClasses.MalformedResponse, ex.ErrorClass);
    }

    [Fact]
    public async Task GetResponseAsync_ConnectionRefused_ThrowsTransientConnection()
    {
        _handler.Respond = (_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused for " + Key);
        using var client = Client();

        var ex = await Assert.ThrowsAsync<ApiException>(() => client.GetResponseAsync([new(ChatRole.User, "text")]));

        Assert.Equal(ErrorKind.Transient, ex.Kind);
        Assert.Equal(ApiErrorClasses.Connection, ex.ErrorClass);
        Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_NoAnswerInTime_ThrowsTransientTimeout()
    {
        _handler.Respond = async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return RecordingHttpHandler.Json(HttpStatusCode.OK, "{}");
        };
        using var client = Client(TimeSpan.FromMilliseconds(50));

        var ex = await Assert.ThrowsAsync<ApiException>(() => client.GetResponseAsync([new(ChatRole.User, "text")]));

        Assert.Equal(ApiErrorClasses.Timeout, ex.ErrorClass);
    }

    [Fact]
    public async Task GetResponseAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        _handler.Respond = async (_, ct) =>
        {
            await cts.CancelAsync();
            await Task.Delay(Timeout.Infinite, ct);
            return RecordingHttpHandler.Json(HttpStatusCode.OK, "{}");
        };
        using var client = Client();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.GetResponseAsync([new(ChatRole.User, "text")], cancellationToken: cts.Token));
    }
}
