using Reembed.Postgres;

namespace Reembed.Cli;

/// <summary>The <c>target</c> section, resolved: paths absolute; for postgres, the shape decided.</summary>
internal sealed record TargetSpec(string Type, string? Path, string? Table)
{
    /// <summary>The NAME of the environment variable holding the connection string, never its value.</summary>
    public string? ConnectionStringEnv { get; init; }

    public string Vector { get; init; } = "embedding";

    public PostgresVectorType VectorType { get; init; } = PostgresVectorType.Vector;

    public PostgresLoadPath LoadPath { get; init; } = PostgresLoadPath.Auto;

    /// <summary>The vectors go into a column of the source table itself (same connection, same table).</summary>
    public bool InPlace { get; init; }

    /// <summary>The ANN index to build after the load (<c>target.index</c>); null for none.</summary>
    public PostgresIndexOptions? Index { get; init; }

    /// <summary>In place: drop an existing ANN index on the column for the load, rebuild it concurrently after.</summary>
    public bool DeferIndex { get; init; }

    /// <summary><c>target.cutover</c>: a new space goes into a shadow beside the live table/file, swapped in by <c>swap</c>.</summary>
    public bool ShadowCutover { get; init; }

    /// <summary>The same target under another name of the same store (a shadow, a demoted one): a table, a file, or an in-place column.</summary>
    public TargetSpec Named(string name) =>
        Type == "jsonl" ? this with { Path = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path!)!, name) }
        : InPlace ? this with { Vector = name }
        : this with { Table = name };
}
