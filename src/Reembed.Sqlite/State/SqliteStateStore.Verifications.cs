namespace Reembed.Sqlite;

internal sealed partial class SqliteStateStore
{
    public override ValueTask SaveVerificationAsync(VerificationRecord verification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verification);
        return WriteJobAsync(verification.JobId, """
            INSERT INTO verifications (job_id, at, passed, candidate, space_id, metrics_json, report_path)
            SELECT id, $at, $passed, $candidate, $space, $metrics, $report FROM jobs WHERE id = $job;
            """, cancellationToken,
            ("$at", JobRows.TimeText(verification.At)), ("$passed", verification.Passed ? 1 : 0), ("$candidate", verification.Candidate),
            ("$space", verification.SpaceId), ("$metrics", verification.MetricsJson), ("$report", verification.ReportPath));
    }

    public override ValueTask<VerificationRecord?> GetLatestVerificationAsync(string jobId, CancellationToken cancellationToken = default) =>
        UseAsync<VerificationRecord?>(async ct =>
        {
            await using var command = Command("""
                SELECT at, passed, candidate, space_id, metrics_json, report_path FROM verifications
                WHERE job_id = $job ORDER BY rowid DESC LIMIT 1;
                """, ("$job", jobId));
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct)
                ? new VerificationRecord(jobId, JobRows.ParseTime(reader.GetString(0)), reader.GetInt64(1) != 0, reader.GetString(2),
                    reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5))
                : null;
        }, cancellationToken);

    public override ValueTask PurgeJobDataAsync(string jobId, CancellationToken cancellationToken = default) =>
        WriteJobAsync(jobId, """
            DELETE FROM shards WHERE job_id = $job;
            DELETE FROM failures WHERE job_id = $job;
            UPDATE jobs SET updated_at = $now WHERE id = $job;
            """, cancellationToken, ("$now", Now()));
}
