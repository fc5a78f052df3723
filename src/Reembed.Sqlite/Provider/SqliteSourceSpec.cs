using System.Text.Json.Serialization.Metadata;
using Reembed.Providers;

namespace Reembed.Sqlite;

/// <summary><c>source</c> of type <c>sqlite</c>: one table or view of a database file, read in id order.</summary>
public sealed record SqliteSourceSpec : SourceSpec
{
    public override string Type => SqliteStoreProvider.Kind;

    /// <summary>Absolute path of the database file (<c>source.path</c>).</summary>
    public required string Path { get; init; }

    /// <summary><c>source.table</c>.</summary>
    public required string Table { get; init; }

    /// <summary><c>source.where</c>: a trusted SQL condition; null for every row.</summary>
    public string? Where { get; init; }

    protected override JsonTypeInfo JsonTypeInfo => SqliteJsonContext.Default.SqliteSourceSpec;
}
