namespace Reembed.Sqlite;

/// <summary>The job rows: create, read, and the state changes outside a commit.</summary>
internal sealed partial class SqliteStateStore
{
    public override ValueTask<JobRecord> CreateJobAsync(JobRecord job, IReadOnlyList<ShardInfo> shards, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(shards);
        return UseAsync(async ct =>
        {
            var now = Now();
            await using (var transaction = _connection.BeginTransaction(deferred: false))
            {
                await using var insertJob = Command("""
                    INSERT INTO jobs (id, config_key, spec_fingerprint, spec_json, mode, space_id, space_description,
                        state, total, created_at, updated_at, finished_at)
                    VALUES ($id, $config, $fingerprint, $spec, $mode, $space, $spaceDescription,
                        $state, $total, $now, $now, $finished);
                    """, ("$id", job.Id), ("$config", job.ConfigKey), ("$fingerprint", job.SpecFingerprint), ("$spec", job.SpecJson),
                    ("$mode", job.Mode), ("$space", job.SpaceId), ("$spaceDescription", job.SpaceDescription),
                    ("$state", JobStates.ToText(job.State)), ("$total", job.Total), ("$now", now),
                    ("$finished", JobStates.IsFinal(job.State) ? now : null));
                insertJob.Transaction = transaction;
                await insertJob.ExecuteNonQueryAsync(ct);

                await using var insertShard = Command("""
                    INSERT INTO shards (job_id, shard_id, descriptor) VALUES ($job, $shard, $descriptor);
                    """, ("$job", job.Id), ("$shard", null), ("$descriptor", null));
                insertShard.Transaction = transaction;
                foreach (var shard in shards)
                {
                    insertShard.Parameters["$shard"].Value = shard.Id;
                    insertShard.Parameters["$descriptor"].Value = shard.Descriptor;
                    await insertShard.ExecuteNonQueryAsync(ct);
                }

                await transaction.CommitAsync(ct);
            }

            return await ReadJobAsync("WHERE id = $key", job.Id, ct) ?? throw NoJob(job.Id);
        }, cancellationToken);
    }

    public override ValueTask<JobRecord?> GetJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        UseAsync(ct => ReadJobAsync("WHERE id = $key", jobId, ct), cancellationToken);

    public override ValueTask<JobRecord?> FindLatestJobAsync(string configKey, CancellationToken cancellationToken = default) =>
        UseAsync(ct => ReadJobAsync("WHERE config_key = $key ORDER BY created_at DESC, rowid DESC LIMIT 1", configKey, ct),
            cancellationToken);

    /// <remarks><paramref name="limit"/> of zero or less lists every job.</remarks>
    public override ValueTask<IReadOnlyList<JobRecord>> ListJobsAsync(int limit, CancellationToken cancellationToken = default) =>
        UseAsync<IReadOnlyList<JobRecord>>(async ct =>
        {
            await using var command = Command($"SELECT {JobRows.Columns} FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT $limit;",
                ("$limit", limit <= 0 ? -1 : limit));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var jobs = new List<JobRecord>();
            while (await reader.ReadAsync(ct))
            {
                jobs.Add(JobRows.Read(reader));
            }

            return jobs;
        }, cancellationToken);

    public override ValueTask SetStateAsync(string jobId, JobState state, string? error, CancellationToken cancellationToken = default)
    {
        var final = JobStates.IsFinal(state);
        var now = Now();
        return WriteJobAsync(jobId, """
            UPDATE jobs SET state = $state, error = $error, updated_at = $now, finished_at = $finished,
                owner = CASE WHEN $final THEN NULL ELSE owner END, notice = CASE WHEN $final THEN NULL ELSE notice END
            WHERE id = $job;
            """, cancellationToken, ("$state", JobStates.ToText(state)), ("$error", error), ("$now", now),
            ("$finished", final ? now : null), ("$final", final ? 1 : 0));
    }

    public override ValueTask ClaimAsync(string jobId, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return WriteJobAsync(jobId, """
            UPDATE jobs SET state = 'running', owner = $owner, heartbeat_at = $now, updated_at = $now,
                cancel_requested = 0, error = NULL, finished_at = NULL, notice = NULL
            WHERE id = $job;
            """, cancellationToken, ("$owner", owner), ("$now", Now()));
    }

    public override ValueTask SetNoticeAsync(string jobId, string? notice, CancellationToken cancellationToken = default) =>
        WriteJobAsync(jobId, "UPDATE jobs SET notice = $notice, updated_at = $now WHERE id = $job;", cancellationToken,
            ("$notice", notice), ("$now", Now()));

    public override ValueTask SetTotalAsync(string jobId, long total, CancellationToken cancellationToken = default) =>
        WriteJobAsync(jobId, "UPDATE jobs SET total = $total, updated_at = $now WHERE id = $job;", cancellationToken,
            ("$total", total), ("$now", Now()));

    public override ValueTask RequestCancelAsync(string jobId, CancellationToken cancellationToken = default) =>
        WriteJobAsync(jobId, "UPDATE jobs SET cancel_requested = 1, updated_at = $now WHERE id = $job;", cancellationToken,
            ("$now", Now()));

    private async ValueTask<JobRecord?> ReadJobAsync(string filter, string key, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {JobRows.Columns} FROM jobs {filter};", ("$key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? JobRows.Read(reader) : null;
    }
}
