namespace Reembed.Postgres;

internal sealed partial class PostgresStateStore
{
    public override ValueTask SaveVerificationAsync(VerificationRecord verification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verification);
        return WriteJobAsync(verification.JobId, $"""
            INSERT INTO {_schema}.verifications (job_id, at, passed, candidate, space_id, metrics_json, report_path)
            SELECT id, @at, @passed, @candidate, @space, @metrics, @report FROM {_schema}.jobs WHERE id = @job;
            """, cancellationToken,
            ("at", verification.At.ToUniversalTime()), ("passed", verification.Passed), ("candidate", verification.Candidate),
            ("space", verification.SpaceId), ("metrics", verification.MetricsJson), ("report", verification.ReportPath));
    }

    public override ValueTask<VerificationRecord?> GetLatestVerificationAsync(string jobId, CancellationToken cancellationToken = default) =>
        RunAsync<VerificationRecord?>("cannot read", async ct =>
        {
            await using var command = Command($"""
                SELECT at, passed, candidate, space_id, metrics_json, report_path FROM {_schema}.verifications
                WHERE job_id = @job ORDER BY seq DESC LIMIT 1;
                """, ("job", jobId));
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct)
                ? new VerificationRecord(jobId, reader.GetFieldValue<DateTimeOffset>(0), reader.GetBoolean(1), reader.GetString(2),
                    reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5))
                : null;
        }, cancellationToken);

    // One statement, so it is one transaction: the shards and the ledger go together, and only for a known job.
    public override ValueTask PurgeJobDataAsync(string jobId, CancellationToken cancellationToken = default) =>
        WriteJobAsync(jobId, $"""
            WITH s AS (DELETE FROM {_schema}.shards WHERE job_id = @job), f AS (DELETE FROM {_schema}.failures WHERE job_id = @job)
            UPDATE {_schema}.jobs SET updated_at = @now WHERE id = @job;
            """, cancellationToken, ("now", Now()));
}
