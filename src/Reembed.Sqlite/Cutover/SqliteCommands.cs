using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>
/// Builds a command on a connection that may have a transaction open: Microsoft.Data.Sqlite refuses a
/// command without it then, so every cut-over helper passes it along.
/// </summary>
internal static class SqliteCommands
{
    public static SqliteCommand Create(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static async ValueTask ExecuteAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Create(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether a table (not a view) of that name exists, compared without case as SQLite does.</summary>
    public static async ValueTask<bool> TableExistsAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = Create(connection, transaction,
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $name COLLATE NOCASE", ("$name", table));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
