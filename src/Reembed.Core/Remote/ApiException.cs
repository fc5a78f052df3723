namespace Reembed.Remote;

/// <summary>
/// A failed call to a remote model API, classified: <see cref="ErrorKind.Transient"/> (429, 5xx,
/// timeouts, dropped connections, malformed responses), <see cref="ErrorKind.Item"/> (the request was
/// rejected because of its input: split the batch to isolate it) or <see cref="ErrorKind.Fatal"/>
/// (401, 403, unknown model: stop the job). The message never contains a secret.
/// </summary>
public sealed class ApiException : ReembedException
{
    public ApiException(ErrorKind kind, string errorClass, string message, Exception? innerException = null)
        : base(kind, message, innerException)
    {
        ErrorClass = errorClass;
    }

    /// <summary>The HTTP status, when a response arrived.</summary>
    public int? StatusCode { get; init; }

    /// <summary>How long the server asked us to wait (<c>retry-after</c> / <c>retry-after-ms</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The <c>x-ratelimit-*</c> headers of the failed response, when there were any.</summary>
    internal RateLimitInfo? RateLimit { get; init; }
}
