using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Reembed.Enrichment;
using Reembed.Remote;

namespace Reembed.Tests.Enrichment;

public sealed class OpenAiChatClientTests : IDisposable
{
    private const string Key = "sk-test-4f9a8b7c6d5e4f3a2b1c";

    private readonly RecordingHttpHandler _handler = new();

    public void Dispose() => _handler.Dispose();

    private IChatClient Client(string? key = Key, string baseUrl = "http://llm.test/v1", TimeSpan? timeout = null) =>
        Enrichers.CreateChatClient(new EnrichOptions
        {
            BaseUrl = new Uri(baseUrl),
            Model = "rewriter-1",
            Prompt = "Rewrite.",
            ApiKey = key,
            Handler = _handler,
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(60),
        });

    private static ChatMessage[] Conversation(string text = "the text") =>
        [new(ChatRole.System, "Rewrite for search."), new(ChatRole.User, text)];

    [Theory]
    [InlineData("http://llm.test/v1")]
    [InlineData("http://llm.test/v1/")]
    public async Task GetResponseAsync_Always_PostsModelMessagesAndZeroTemperature(string baseUrl)
    {
        using var client = Client(baseUrl: baseUrl);

        await client.GetResponseAsync(Conversation("Ünïcode \"quoted\" text"));

        var (request, body) = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://llm.test/v1/chat/completions", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer", request.Headers.Authorization?.Scheme);
        Assert.Equal(Key, request.Headers.Authorization?.Parameter);
        Assert.Equal("application/json", request.Content!.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("rewriter-1", root.GetProperty("model").GetString());
        Assert.Equal(0, root.GetProperty("temperature").GetDouble());
        var messages = root.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(["Rewrite for search.", "Ünïcode \"quoted\" text"], messages.Select(m => m.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task GetResponseAsync_NoKey_SendsNoAuthorizationHeader()
    {
        using var client = Client(key: null);

        await client.GetResponseAsync(Conversation());

        Assert.Null(_handler.Requests[0].Request.Headers.Authorization);
    }

    [Fact]
    public async Task GetResponseAsync_Answer_ReturnsTextUsageAndIds()
    {
        using var client = Client();
        _handler.Respond = (_, _) => Task.FromResult(RecordingHttpHandler.Json(HttpStatusCode.OK, RecordingHttpHandler.ChatAnswer("  rewritten  ", "length")));

        var response = await client.GetResponseAsync(Conversation());

        Assert.Equal("  rewritten  ", response.Text);
        Assert.Equal(ChatRole.Assistant, response.Messages[0].Role);
        Assert.Equal(12, response.Usage?.InputTokenCount);
        Assert.Equal(5, response.Usage?.OutputTokenCount);
        Assert.Equal(17, response.Usage?.TotalTokenCount);
        Assert.Equal("chatcmpl-1", response.ResponseId);
        Assert.Equal("served-model", response.ModelId);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task GetResponseAsync_NullContent_ReturnsEmptyText()
    {
        using var client = Client();
        _handler.Respond = (_, _) => Task.FromResult(RecordingHttpHandler.Json(HttpStatusCode.OK, RecordingHttpHandler.ChatAnswer(null, "content_filter")));

        var response = await client.GetResponseAsync(Conversation());

        Assert.Equal("", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_RateLimitHeaders_ReportedInAdditionalProperties()
    {
        using var client = Client();
        _handler.Respond = (_, _) =>
        {
            var response = RecordingHttpHandler.Json(HttpStatusCode.OK, RecordingHttpHandler.ChatAnswer("x"));
            response.Headers.Add("x-ratelimit-remaining-requests", "59");
            response.Headers.Add("x-ratelimit-reset-tokens", "6m0s");
            return Task.FromResult(response);
        };

        var answer = await client.GetResponseAsync(Conversation());

        var limits = Assert.IsType<RateLimitInfo>(answer.AdditionalProperties?[RemoteProperties.RateLimit]);
        Assert.Equal(59, limits.RemainingRequests);
        Assert.Equal(TimeSpan.FromMinutes(6), limits.ResetTokens);
    }

    [Fact]
    public async Task GetResponseAsync_NoRateLimitHeaders_AddsNoProperty()
    {
        using var client = Client();

        var answer = await client.GetResponseAsync(Conversation());

        Assert.False(answer.AdditionalProperties?.ContainsKey(RemoteProperties.RateLimit) ?? false);
    }

    [Fact]
    public void GetStreamingResponseAsync_Always_NotSupported()
    {
        using var client = Client();

        Assert.Throws<NotSupportedException>(() => client.GetStreamingResponseAsync(Conversation()));
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public void GetService_Metadata_NamesModelAndAddress()
    {
        using var client = Client();

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("rewriter-1", metadata?.DefaultModelId);
        Assert.Equal(new Uri("http://llm.test/v1"), metadata?.ProviderUri);
    }
}
