namespace Reembed.Cli;

/// <summary>
/// The <c>source</c> section, resolved: paths absolute, template parsed. <see cref="Path"/> is set for
/// files (jsonl, sqlite); <see cref="ConnectionStringEnv"/> with <see cref="Table"/> or <see cref="Query"/> for postgres.
/// </summary>
internal sealed record SourceSpec(string Type, string? Path, string Id, TextTemplate Text, string? Table, string? Where)
{
    public string? Query { get; init; }

    /// <summary>The NAME of the environment variable holding the connection string, never its value.</summary>
    public string? ConnectionStringEnv { get; init; }
}
