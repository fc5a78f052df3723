namespace Reembed.Sqlite;

/// <summary>Options of the <c>sqlite</c> source: one table (or view) read in id order.</summary>
public sealed class SqliteSourceOptions
{
    /// <summary>
    /// Absolute path of the database file (config key <c>source.path</c>); it is opened read-only.
    /// A relative path resolves against the current directory.
    /// </summary>
    public required string Path { get; init; }

    /// <summary>The table or view to read (<c>source.table</c>).</summary>
    public required string Table { get; init; }

    /// <summary>
    /// The column that identifies a record (<c>source.id</c>). Its values should be unique: records are
    /// paged by id, and rows sharing an id share one key (and one vector). INTEGER, TEXT, REAL and
    /// BLOB ids are supported; an index on the column keeps paging fast.
    /// </summary>
    public string IdColumn { get; init; } = "id";

    /// <summary>
    /// The text to embed (<c>source.text</c>); placeholders are column names. A NULL column renders
    /// as the empty string; a BLOB column fails the record.
    /// </summary>
    public required TextTemplate Text { get; init; }

    /// <summary>
    /// An optional SQL condition restricting the rows read (<c>source.where</c>), e.g.
    /// <c>lang = 'en'</c>. It is spliced into the queries as written, so it must come from a trusted
    /// config file, never from end users.
    /// </summary>
    public string? Where { get; init; }
}
