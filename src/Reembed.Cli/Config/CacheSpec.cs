namespace Reembed.Cli;

/// <summary>The <c>cache</c> section, resolved: where vectors (and enriched texts) are kept by content hash.</summary>
internal sealed record CacheSpec(bool Enabled, string? Path, TimeSpan? Ttl)
{
    /// <summary><c>sqlite</c> (the file at <see cref="Path"/>) or <c>postgres</c>.</summary>
    public string Type { get; init; } = "sqlite";

    /// <summary>The NAME of the environment variable holding the connection string (postgres).</summary>
    public string? ConnectionStringEnv { get; init; }

    public string Schema { get; init; } = StateSpec.DefaultSchema;
}
