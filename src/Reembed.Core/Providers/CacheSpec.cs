namespace Reembed.Providers;

/// <summary>The <c>cache</c> section, bound by its provider: where vectors (and enriched texts) are kept by content hash.</summary>
public abstract record CacheSpec : StoreSpec
{
    public required bool Enabled { get; init; }

    /// <summary>Entries older than this read as misses; null keeps them.</summary>
    public TimeSpan? Ttl { get; init; }
}
