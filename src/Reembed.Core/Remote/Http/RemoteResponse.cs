namespace Reembed.Remote;

/// <summary>A parsed response and the rate limits its headers reported.</summary>
internal readonly record struct RemoteResponse<T>(T Value, RateLimitInfo? RateLimit);
