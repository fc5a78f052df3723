using Npgsql;

namespace Reembed.Postgres.Cutover;

/// <summary>
/// The cut-over journal, <c>&lt;schema&gt;.reembed_cutover</c>: one row per swap or rollback, written in the
/// step's own transaction. Several live tables may share a schema, so each row names its live table;
/// table names are stored unqualified (the journal's schema is theirs).
/// </summary>
internal static class PgCutoverJournal
{
    private const string Name = "reembed_cutover";

    public static string Qualified(string schema) => PgQuote(schema) + "." + Name;

    /// <summary>
    /// Waits until no other swap or rollback in this schema is under way, for the rest of the transaction:
    /// an advisory lock, so that it needs no table and a refused step leaves none behind.
    /// </summary>
    public static async ValueTask LockAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('reembed_cutover:' || @schema))", connection);
        command.Parameters.AddWithValue("schema", schema);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The latest step of <paramref name="live"/>, table names unqualified; null when none or no journal.</summary>
    public static async ValueTask<CutoverStep?> LatestAsync(NpgsqlConnection connection, string schema, string live, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass(@journal) IS NOT NULL", connection))
        {
            exists.Parameters.AddWithValue("journal", Qualified(schema));
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return null;
            }
        }

        await using var command = new NpgsqlCommand(
            $"SELECT kind, job_id, promoted, demoted, promoted_space, demoted_space, at FROM {Qualified(schema)} WHERE live = @live ORDER BY seq DESC LIMIT 1",
            connection);
        command.Parameters.AddWithValue("live", live);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new CutoverStep(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6));
    }

    /// <summary>Writes <paramref name="step"/>, creating the journal with the first one (under <see cref="LockAsync"/>, so no two sessions race to).</summary>
    public static async ValueTask AppendAsync(NpgsqlConnection connection, string schema, string live, CutoverStep step, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(
            $"CREATE TABLE IF NOT EXISTS {Qualified(schema)} (seq bigserial PRIMARY KEY, live text NOT NULL, kind text NOT NULL, job_id text NOT NULL, "
            + "promoted text NOT NULL, demoted text NOT NULL, promoted_space text NOT NULL, demoted_space text, at timestamptz NOT NULL)",
            connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand(
            $"INSERT INTO {Qualified(schema)} (live, kind, job_id, promoted, demoted, promoted_space, demoted_space, at) "
            + "VALUES (@live, @kind, @job, @promoted, @demoted, @promotedSpace, @demotedSpace, @at)",
            connection);
        command.Parameters.AddWithValue("live", live);
        command.Parameters.AddWithValue("kind", step.Kind);
        command.Parameters.AddWithValue("job", step.JobId);
        command.Parameters.AddWithValue("promoted", step.Promoted);
        command.Parameters.AddWithValue("demoted", step.Demoted);
        command.Parameters.AddWithValue("promotedSpace", step.PromotedSpaceId);
        command.Parameters.Add(new NpgsqlParameter("demotedSpace", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)step.DemotedSpaceId ?? DBNull.Value });
        command.Parameters.AddWithValue("at", step.At);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string PgQuote(string name) => Sink.PgAnnIndex.QuoteName(name);
}
