namespace Reembed.Hosting;

/// <summary>Request counters of a remote embedder over one run.</summary>
public sealed record ApiStatsView(long Requests, long Succeeded, long RateLimited, long Retries, long Timeouts, long Tokens, int Concurrency);
