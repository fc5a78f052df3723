using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Reembed.Remote;

namespace Reembed.Enrichment;

/// <summary>
/// A minimal <see cref="IChatClient"/> for OpenAI-compatible <c>POST {baseUrl}/chat/completions</c>: one
/// non-streaming answer per call, at temperature 0 unless the caller asks otherwise. Every failure is a
/// classified <see cref="ApiException"/> whose message never holds the key; retry and rate control are
/// decorators around it.
/// </summary>
internal sealed partial class OpenAiChatClient : IChatClient
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _model;
    private readonly string? _apiKey;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _redactor;
    private readonly string _provider;
    private readonly ChatClientMetadata _metadata;

    public OpenAiChatClient(EnrichOptions options)
    {
        _endpoint = new Uri(options.BaseUrl.AbsoluteUri.TrimEnd('/') + "/chat/completions");
        _model = options.Model;
        _apiKey = options.ApiKey;
        _timeout = options.RequestTimeout;
        _time = options.Time;
        _redactor = new SecretRedactor([options.ApiKey]);
        _provider = $"chat model {options.Model} at {options.BaseUrl}";
        _metadata = new ChatClientMetadata("openai", options.BaseUrl, options.Model);

        // The timeout runs on the injected clock below, not on HttpClient's own timer.
        _http = new HttpClient(options.Handler ?? new SocketsHttpHandler(), disposeHandler: options.Handler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = CreateBody(options?.ModelId ?? _model, messages, options?.Temperature ?? 0f),
        };
        if (!string.IsNullOrEmpty(_apiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }

        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw await ApiErrors.FromResponseAsync(response, _provider, _redactor, _time.GetUtcNow(), "enrich", linked.Token);
            }

            await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: linked.Token);
            var answer = ParseResponse(document.RootElement);
            if (RateLimitInfo.FromHeaders(response.Headers) is { } limits)
            {
                (answer.AdditionalProperties ??= [])[RemoteProperties.RateLimit] = limits;
            }

            return answer;
        }
        catch (Exception ex) when (IsTransport(ex) && ApiErrors.FromTransport(ex, _provider, _redactor, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The enrichment chat client answers whole responses only.");

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose() => _http.Dispose();

    // Cancellation by the caller is not transport: FromTransport returns null for it and it propagates as it is.
    private static bool IsTransport(Exception exception) =>
        exception is HttpRequestException or IOException or OperationCanceledException or TimeoutException or JsonException;
}
