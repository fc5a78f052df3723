using System.Net;
using System.Text;
using System.Text.Json;

namespace Reembed.Tests.Enrichment;

/// <summary>Records each request (with its body read) and answers through <see cref="Respond"/>.</summary>
internal sealed class RecordingHttpHandler : HttpMessageHandler
{
    public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; } =
        (_, _) => Task.FromResult(Json(HttpStatusCode.OK, ChatAnswer("ok")));

    public static string ChatAnswer(string? content, string finishReason = "stop")
    {
        var json = content is null ? "null" : JsonSerializer.Serialize(content);
        return $$$"""
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"served-model",
             "choices":[{"index":0,"message":{"role":"assistant","content":{{{json}}}},"finish_reason":"{{{finishReason}}}"}],
             "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}
            """;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request, body));
        return await Respond(request, cancellationToken);
    }
}
