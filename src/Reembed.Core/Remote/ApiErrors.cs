using System.Net;
using System.Text.Json;

namespace Reembed.Remote;

/// <summary>Turns an unsuccessful HTTP response or a transport failure into a classified <see cref="ApiException"/>.</summary>
internal static class ApiErrors
{
    // Error bodies are read for their message only; a proxy's HTML page must not flood the ledger.
    private const int MaxBodyChars = 2000;
    private const int MaxMessageChars = 500;

    /// <summary>
    /// Classifies a non-success response. <paramref name="provider"/> names the API in messages
    /// (e.g. <c>openai at http://host/v1</c>); <paramref name="redactor"/> strips secrets the server echoed;
    /// <paramref name="section"/> is the config section that hints point at (<c>embedder</c>, <c>enrich</c>).
    /// </summary>
    public static async Task<ApiException> FromResponseAsync(
        HttpResponseMessage response, string provider, SecretRedactor redactor, DateTimeOffset now,
        string section = "embedder", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(redactor);
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            body = "";
        }

        var status = (int)response.StatusCode;
        var detail = redactor.Redact(ExtractMessage(body));
        var said = detail.Length == 0 ? "" : $": {detail}";
        var (kind, errorClass, text) = status switch
        {
            429 => (ErrorKind.Transient, ApiErrorClasses.RateLimited, $"{provider} rate-limited the request (429){said}"),
            408 or 409 or >= 500 => (ErrorKind.Transient, ApiErrorClasses.ServerError, $"{provider} answered {status}{said}"),
            401 => (ErrorKind.Fatal, ApiErrorClasses.Unauthorized,
                $"{provider} refused the API key (401){said}; check the environment variable named by {section}.apiKeyEnv"),
            403 => (ErrorKind.Fatal, ApiErrorClasses.Unauthorized, $"{provider} denied access (403){said}"),
            404 => (ErrorKind.Fatal, ApiErrorClasses.UnknownModel,
                $"{provider} answered 404{said}; check {section}.model and {section}.baseUrl"),
            400 or 413 or 422 when LooksLikeUnknownModel(detail) => (ErrorKind.Fatal, ApiErrorClasses.UnknownModel,
                $"{provider} does not know the model{said}; check {section}.model"),
            400 or 413 or 422 => (ErrorKind.Item, ApiErrorClasses.RejectedInput, $"{provider} rejected the input ({status}){said}"),
            _ => (ErrorKind.Fatal, ApiErrorClasses.ClientError, $"{provider} answered {status}{said}"),
        };

        return new ApiException(kind, errorClass, text)
        {
            StatusCode = status,
            RetryAfter = RateLimitInfo.RetryAfter(response, now),
            RateLimit = RateLimitInfo.FromHeaders(response.Headers),
        };
    }

    /// <summary>
    /// Classifies an exception thrown while sending or reading: timeouts, refused or reset connections,
    /// truncated or malformed bodies are all transient. Returns null for cancellation by the caller,
    /// which must propagate as it is.
    /// </summary>
    public static ApiException? FromTransport(Exception exception, string provider, SecretRedactor redactor, CancellationToken callerToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(redactor);
        if (exception is OperationCanceledException && callerToken.IsCancellationRequested)
        {
            return null;
        }

        var (errorClass, what) = exception switch
        {
            OperationCanceledException or TimeoutException => (ApiErrorClasses.Timeout, "did not answer in time"),
            JsonException => (ApiErrorClasses.MalformedResponse, "sent a malformed response"),
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } =>
                (ApiErrorClasses.MalformedResponse, "ended the response early"),
            HttpRequestException or IOException => (ApiErrorClasses.Connection, "could not be reached or dropped the connection"),
            _ => (ApiErrorClasses.MalformedResponse, "sent a response that could not be read"),
        };

        return new ApiException(ErrorKind.Transient, errorClass, redactor.Redact($"{provider} {what}: {exception.Message}"), exception);
    }

    /// <summary>A response that parsed but is unusable (missing fields, wrong shape): transient, so it is retried.</summary>
    public static ApiException Malformed(string provider, string what) =>
        new(ErrorKind.Transient, ApiErrorClasses.MalformedResponse, $"{provider} sent a malformed response: {what}");

    private static string ExtractMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            {
                // OpenAI: {"error": {"message": ..., "type": ..., "code": ...}}; Ollama: {"error": "..."}.
                if (error.ValueKind == JsonValueKind.String)
                {
                    return Clip(error.GetString() ?? "");
                }

                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message)
                    && message.ValueKind == JsonValueKind.String)
                {
                    return Clip(message.GetString() ?? "");
                }
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var bare) && bare.ValueKind == JsonValueKind.String)
            {
                return Clip(bare.GetString() ?? "");
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw text.
        }

        return Clip(body.Length > MaxBodyChars ? body[..MaxBodyChars] : body);
    }

    private static bool LooksLikeUnknownModel(string detail) =>
        detail.Contains("model", StringComparison.OrdinalIgnoreCase)
        && (detail.Contains("not found", StringComparison.OrdinalIgnoreCase)
            || detail.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
            || detail.Contains("unknown", StringComparison.OrdinalIgnoreCase));

    private static string Clip(string text)
    {
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= MaxMessageChars ? text : text[..MaxMessageChars] + "…";
    }
}
