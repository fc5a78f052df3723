namespace Reembed.Remote;

/// <summary>
/// Keys of <c>AdditionalProperties</c> that providers and decorators use to pass facts up the stack
/// without a new interface.
/// </summary>
internal static class RemoteProperties
{
    /// <summary>On <c>GeneratedEmbeddings</c>: the <see cref="RateLimitInfo"/> of the response that produced them.</summary>
    public const string RateLimit = "reembed.rateLimit";

    /// <summary>On an <c>Embedding</c>: <c>true</c> when it came from the embedding cache, not the model.</summary>
    public const string Cached = "reembed.cached";
}
