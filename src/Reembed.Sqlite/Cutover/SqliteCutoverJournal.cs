using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>
/// <c>reembed_cutover</c>: one row per swap or rollback, written in the transaction that does it. Several
/// live tables may share a database, so a live table's rows are those whose promoted name is its shadow
/// name of the promoted space (true of every swap and rollback, and of no other live table's).
/// </summary>
internal static class SqliteCutoverJournal
{
    public const string TableName = "reembed_cutover";

    public static ValueTask EnsureAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        SqliteCommands.ExecuteAsync(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS {TableName} (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, job_id TEXT NOT NULL, "
            + "promoted TEXT NOT NULL, demoted TEXT NOT NULL, promoted_space TEXT NOT NULL, demoted_space TEXT, at TEXT NOT NULL)",
            cancellationToken);

    public static ValueTask AppendAsync(
        SqliteConnection connection, SqliteTransaction transaction, CutoverStep step, CancellationToken cancellationToken) =>
        SqliteCommands.ExecuteAsync(connection, transaction,
            $"INSERT INTO {TableName} (kind, job_id, promoted, demoted, promoted_space, demoted_space, at) "
            + "VALUES ($kind, $job, $promoted, $demoted, $promotedSpace, $demotedSpace, $at)",
            cancellationToken,
            ("$kind", step.Kind), ("$job", step.JobId), ("$promoted", step.Promoted), ("$demoted", step.Demoted),
            ("$promotedSpace", step.PromotedSpaceId), ("$demotedSpace", step.DemotedSpaceId),
            ("$at", step.At.ToString("O", CultureInfo.InvariantCulture)));

    /// <summary>The latest step of the live table whose shadow names start with <paramref name="shadowPrefix"/>.</summary>
    public static async ValueTask<CutoverStep?> LatestAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string shadowPrefix, CancellationToken cancellationToken)
    {
        if (!await SqliteCommands.TableExistsAsync(connection, transaction, TableName, cancellationToken))
        {
            return null;
        }

        await using var command = SqliteCommands.Create(connection, transaction,
            $"SELECT kind, job_id, promoted, demoted, promoted_space, demoted_space, at FROM {TableName} "
            + "WHERE promoted = ($prefix || promoted_space) COLLATE NOCASE ORDER BY seq DESC LIMIT 1",
            ("$prefix", shadowPrefix));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new CutoverStep(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    }
}
