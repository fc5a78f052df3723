using System.Text.Json.Serialization.Metadata;
using Reembed.Providers;

namespace Reembed.Sqlite;

/// <summary><c>target</c> of type <c>sqlite</c>: a table of vectors (id, vector BLOB of float32, content_hash, space).</summary>
public sealed record SqliteTargetSpec : TargetSpec
{
    public override string Type => SqliteStoreProvider.Kind;

    /// <summary>Absolute path of the database file (<c>target.path</c>).</summary>
    public required string Path { get; init; }

    /// <summary><c>target.table</c> (the live one).</summary>
    public required string Table { get; init; }

    /// <summary>A shadow or demoted table of the same file.</summary>
    public override TargetSpec Named(string name) => this with { Table = name };

    internal SqliteSinkOptions SinkOptions => new() { Path = Path, Table = Table };

    protected override JsonTypeInfo JsonTypeInfo => SqliteJsonContext.Default.SqliteTargetSpec;
}
