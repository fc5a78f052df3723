using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>
/// <c>reembed_tables</c>: the space of every table the sink writes, so that an empty table still says
/// which space it belongs to. Names compare without case, as SQLite's own table names do.
/// </summary>
internal static class SqliteTableTags
{
    public const string TableName = "reembed_tables";

    public static ValueTask EnsureAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken) =>
        SqliteCommands.ExecuteAsync(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS {TableName} (name TEXT PRIMARY KEY COLLATE NOCASE, space TEXT NOT NULL, dimensions INTEGER NOT NULL)",
            cancellationToken);

    /// <summary>The tag of <paramref name="table"/>; null when it has none or no table was ever tagged here.</summary>
    public static async ValueTask<SqliteTableTag?> GetAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        if (!await SqliteCommands.TableExistsAsync(connection, transaction, TableName, cancellationToken))
        {
            return null;
        }

        await using var command = SqliteCommands.Create(connection, transaction,
            $"SELECT space, dimensions FROM {TableName} WHERE name = $name", ("$name", table));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new SqliteTableTag(reader.GetString(0), reader.GetInt32(1)) : null;
    }

    public static ValueTask SetAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string table, SqliteTableTag tag, CancellationToken cancellationToken) =>
        SqliteCommands.ExecuteAsync(connection, transaction,
            $"INSERT INTO {TableName} (name, space, dimensions) VALUES ($name, $space, $dimensions) "
            + "ON CONFLICT(name) DO UPDATE SET space = excluded.space, dimensions = excluded.dimensions",
            cancellationToken, ("$name", table), ("$space", tag.SpaceId), ("$dimensions", tag.Dimensions));

    public static ValueTask DeleteAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string table, CancellationToken cancellationToken) =>
        SqliteCommands.ExecuteAsync(connection, transaction, $"DELETE FROM {TableName} WHERE name = $name", cancellationToken, ("$name", table));

    /// <summary>Moves the tag with its table; a stale tag left under the new name (its table dropped by hand) goes first.</summary>
    public static async ValueTask RenameAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string from, string to, CancellationToken cancellationToken)
    {
        await DeleteAsync(connection, transaction, to, cancellationToken);
        await SqliteCommands.ExecuteAsync(connection, transaction,
            $"UPDATE {TableName} SET name = $to WHERE name = $from", cancellationToken, ("$from", from), ("$to", to));
    }
}
