using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>Schema questions, asked with bound parameters so that names never reach the SQL text.</summary>
internal static class SqliteSchema
{
    public static async ValueTask<bool> TableExistsAsync(SqliteConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = $name COLLATE NOCASE";
        command.Parameters.AddWithValue("$name", table);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>The column names of <paramref name="table"/>, compared case-insensitively as SQLite does.</summary>
    public static async ValueTask<HashSet<string>> GetColumnsAsync(SqliteConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info($name)";
        command.Parameters.AddWithValue("$name", table);
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
