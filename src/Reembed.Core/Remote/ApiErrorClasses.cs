namespace Reembed.Remote;

/// <summary>The <see cref="ReembedException.ErrorClass"/> values of <see cref="ApiException"/>.</summary>
internal static class ApiErrorClasses
{
    public const string RateLimited = "rate-limited";
    public const string ServerError = "server-error";
    public const string Timeout = "timeout";
    public const string Connection = "connection";
    public const string MalformedResponse = "malformed-response";
    public const string RejectedInput = "rejected-input";
    public const string Unauthorized = "unauthorized";
    public const string UnknownModel = "unknown-model";
    public const string ClientError = "client-error";
}
