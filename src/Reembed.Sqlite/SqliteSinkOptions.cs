namespace Reembed.Sqlite;

/// <summary>
/// Options of the <c>sqlite</c> target: a table <c>(id TEXT PRIMARY KEY, vector BLOB NOT NULL,
/// content_hash TEXT NOT NULL, space TEXT NOT NULL)</c>, vectors stored as little-endian float32.
/// </summary>
public sealed class SqliteSinkOptions
{
    /// <summary>
    /// Absolute path of the database file (<c>target.path</c>); it and its folder are created when
    /// absent. A relative path resolves against the current directory.
    /// </summary>
    public required string Path { get; init; }

    /// <summary>The table holding the vectors (<c>target.table</c>); created when absent.</summary>
    public string Table { get; init; } = "vectors";
}
