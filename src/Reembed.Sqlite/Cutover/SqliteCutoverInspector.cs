using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>Reads what a cut-over target holds: the live table, the tables named after it, and the journal.</summary>
internal static class SqliteCutoverInspector
{
    public static async ValueTask<SqliteCutoverSnapshot> ReadAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string live, string shadowPrefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await using (var list = SqliteCommands.Create(connection, transaction, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                names.Add(reader.GetString(0));
            }
        }

        SqliteTableInfo? liveInfo = null;
        var others = new List<SqliteTableInfo>();
        foreach (var name in names)
        {
            if (string.Equals(name, live, StringComparison.OrdinalIgnoreCase))
            {
                liveInfo = await DescribeAsync(connection, transaction, name, cancellationToken);
            }
            else if (name.Length > shadowPrefix.Length && name.StartsWith(shadowPrefix, StringComparison.OrdinalIgnoreCase))
            {
                others.Add(await DescribeAsync(connection, transaction, name, cancellationToken));
            }
        }

        var lastStep = await SqliteCutoverJournal.LatestAsync(connection, transaction, shadowPrefix, cancellationToken);
        return new SqliteCutoverSnapshot(liveInfo, others, lastStep);
    }

    private static async ValueTask<SqliteTableInfo> DescribeAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        var table = SqliteIdentifier.Quote(name, "target.table");
        long count;
        await using (var countCommand = SqliteCommands.Create(connection, transaction, $"SELECT count(*) FROM {table}"))
        {
            count = (long)(await countCommand.ExecuteScalarAsync(cancellationToken))!;
        }

        if (await SqliteTableTags.GetAsync(connection, transaction, name, cancellationToken) is { } tag)
        {
            return new SqliteTableInfo(name, tag, Tagged: true, count);
        }

        // A table written before tags existed: its rows say which space it holds.
        try
        {
            await using var first = SqliteCommands.Create(connection, transaction, $"SELECT space, length(vector) FROM {table} LIMIT 1");
            await using var reader = await first.ExecuteReaderAsync(cancellationToken);
            var fromRows = await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0)
                ? new SqliteTableTag(reader.GetString(0), reader.IsDBNull(1) ? 0 : (int)(reader.GetInt64(1) / sizeof(float)))
                : (SqliteTableTag?)null;
            return new SqliteTableInfo(name, fromRows, Tagged: false, count);
        }
        catch (SqliteException ex) when (ex.Message.Contains("no such column", StringComparison.Ordinal))
        {
            throw ReembedException.Config("target.table",
                $"table '{name}' has no 'space' or 'vector' column; a sqlite target needs (id TEXT PRIMARY KEY, vector BLOB, content_hash TEXT, space TEXT)");
        }
    }
}
