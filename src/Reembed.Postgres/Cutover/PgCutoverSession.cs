using System.Globalization;
using Npgsql;
using Reembed.Postgres.Sql;

namespace Reembed.Postgres.Cutover;

/// <summary>What table and column cut-overs share around their transactions: where the journal lives, how long they wait for locks, what a lost wait says.</summary>
internal static class PgCutoverSession
{
    /// <summary>The table's schema: as configured, else where the name resolves, else where a new table would go.</summary>
    public static async ValueTask<string> SchemaAsync(NpgsqlConnection connection, PgTableName table, CancellationToken cancellationToken)
    {
        if (table.Schema is { } schema)
        {
            return schema;
        }

        await using var command = new NpgsqlCommand(
            "SELECT coalesce((SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(@live)), current_schema())",
            connection);
        command.Parameters.AddWithValue("live", table.Quoted);
        return await command.ExecuteScalarAsync(cancellationToken) as string
            ?? throw ReembedException.Config("target.table", $"'{table.Name}' has no schema: the connection's search_path names none that exists; qualify it as schema.table");
    }

    /// <summary>For the rest of the transaction, a lock not granted within <paramref name="timeout"/> fails the statement instead of queueing every reader behind it.</summary>
    public static async ValueTask SetLockTimeoutAsync(NpgsqlConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT set_config('lock_timeout', @timeout, true)", connection);
        command.Parameters.AddWithValue("timeout", ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A lock that did not come in time is a long reader or writer, worth naming; the rest is sorted as usual.</summary>
    public static ReembedException Failure(PgServer server, NpgsqlException ex, string key, string action, string subject, TimeSpan timeout)
    {
        if (PgConnection.SqlState(ex) == "55P03")
        {
            return new ReembedException(
                ErrorKind.Transient,
                $"{key}: cannot {action} {subject} on postgres {server.Description}: another session held a lock on it for more than "
                + $"{timeout.TotalSeconds:0.#}s (a long-running query or an open transaction; see pg_stat_activity). Nothing was changed; try again.",
                ex)
            { Subject = key };
        }

        return server.Error(ex, key, $"cannot {action} {subject} on");
    }
}
