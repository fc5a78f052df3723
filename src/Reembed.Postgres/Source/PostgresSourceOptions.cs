namespace Reembed.Postgres;

/// <summary>Options of the <c>postgres</c> source: one table, view or query read in id order.</summary>
public sealed class PostgresSourceOptions
{
    /// <summary>
    /// The Npgsql connection string (read from the variable named by <c>source.connectionStringEnv</c>).
    /// It is never repeated in messages.
    /// </summary>
    public required string ConnectionString { get; init; }

    /// <summary>The table or view to read (<c>source.table</c>), optionally <c>schema.table</c>; set this or <see cref="Query"/>.</summary>
    public string? Table { get; init; }

    /// <summary>
    /// A query to read instead of a table (<c>source.query</c>), e.g. a join; it must return the id
    /// column and every field of <see cref="Text"/>. It is run as written, so it must come from a
    /// trusted config file, never from end users.
    /// </summary>
    public string? Query { get; init; }

    /// <summary>
    /// The column that identifies a record (<c>source.id</c>): <c>bigint</c>, <c>integer</c>,
    /// <c>smallint</c>, <c>uuid</c>, <c>text</c> or <c>varchar</c>. Its values should be unique: records
    /// are paged by id. An index on it keeps every page an index seek.
    /// </summary>
    public string IdColumn { get; init; } = "id";

    /// <summary>The text to embed (<c>source.text</c>); placeholders are column names. A NULL column renders as the empty string.</summary>
    public required TextTemplate Text { get; init; }

    /// <summary>
    /// An optional SQL condition restricting the rows read (<c>source.where</c>), e.g. <c>lang = 'en'</c>.
    /// It is spliced into the queries as written, so it must come from a trusted config file.
    /// </summary>
    public string? Where { get; init; }
}
