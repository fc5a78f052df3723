using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Reembed.Testing;

/// <summary>
/// An HTTP handler that records every request (body read in full) and answers through <see cref="OnSend"/>:
/// canned responses, delays, thrown transport errors.
/// </summary>
public sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    /// <summary>Answers a recorded request; the default answers 200 with <c>{}</c>.</summary>
    public Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> OnSend { get; set; } =
        static (_, _) => Task.FromResult(Json(HttpStatusCode.OK, "{}"));

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public bool Disposed { get; private set; }

    /// <summary>A JSON response with the given status, body and extra headers.</summary>
    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>Answers every request with the same status, body and headers.</summary>
    public void Always(HttpStatusCode status, string json, params (string Name, string Value)[] headers) =>
        OnSend = (_, _) => Task.FromResult(Json(status, json, headers));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body);
        _requests.Enqueue(recorded);
        var response = await OnSend(recorded, cancellationToken);
        response.RequestMessage ??= request;
        return response;
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
