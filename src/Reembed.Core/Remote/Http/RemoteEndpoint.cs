using System.Net;
using System.Text.Json;

namespace Reembed.Remote;

/// <summary>
/// One HTTP API that an embedder talks to: sends a request under a per-request timeout, turns
/// every failure into a classified <see cref="ApiException"/> and hands a successful body to a parser.
/// Caller cancellation is never classified: it propagates as <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class RemoteEndpoint : IDisposable
{
    // One connection pool for every embedder of the process; recycled so that DNS changes are seen.
    private static readonly Lazy<SocketsHttpHandler> SharedHandler = new(static () => new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
    });

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    public RemoteEndpoint(string provider, SecretRedactor redactor, HttpMessageHandler? handler, TimeProvider time, TimeSpan timeout)
    {
        Provider = provider;
        Redactor = redactor;
        _time = time;
        _timeout = timeout;

        // The handler is shared or the caller's: never ours to dispose. Timeouts are ours, per request.
        _http = new HttpClient(handler ?? SharedHandler.Value, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("reembed");
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
    }

    /// <summary>How the API is named in messages, e.g. <c>openai at http://host:port/v1</c>; never holds a secret.</summary>
    public string Provider { get; }

    public SecretRedactor Redactor { get; }

    /// <summary>A label for messages: the provider and the URL without user info, query or fragment.</summary>
    public static string Label(string provider, Uri baseUrl) =>
        $"{provider} at {baseUrl.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/')}";

    public async Task<RemoteResponse<T>> PostAsync<T>(
        Func<HttpRequestMessage> createRequest, BodyParser<T> parse, CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = createRequest();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw await ApiErrors.FromResponseAsync(response, Provider, Redactor, _time.GetUtcNow(), linked.Token);
            }

            using var body = await PooledBody.ReadAsync(response.Content, linked.Token);
            return new RemoteResponse<T>(parse(body.Span), RateLimitInfo.FromHeaders(response.Headers));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException
            or TimeoutException or JsonException or InvalidDataException)
        {
            var classified = ApiErrors.FromTransport(ex, Provider, Redactor, cancellationToken);
            if (classified is null)
            {
                throw;
            }

            throw classified;
        }
    }

    public void Dispose() => _http.Dispose();
}
