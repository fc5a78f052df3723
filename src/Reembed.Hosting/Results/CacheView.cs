namespace Reembed.Hosting;

/// <summary>Cache hits and misses of a job.</summary>
public sealed record CacheView(long Hits, long Misses);
