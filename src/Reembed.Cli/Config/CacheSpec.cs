namespace Reembed.Cli;

/// <summary>The <c>cache</c> section, resolved: where vectors (and enriched texts) are kept by content hash.</summary>
internal sealed record CacheSpec(bool Enabled, string Path, TimeSpan? Ttl);
