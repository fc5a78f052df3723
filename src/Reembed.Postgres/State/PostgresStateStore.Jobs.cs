using Npgsql;

namespace Reembed.Postgres;

/// <summary>The job rows: create, read, and the state changes outside a commit.</summary>
internal sealed partial class PostgresStateStore
{
    public override ValueTask<JobRecord> CreateJobAsync(JobRecord job, IReadOnlyList<ShardInfo> shards, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(shards);
        return RunAsync("cannot write to", async ct =>
        {
            var now = Now();
            await using (var connection = await _setup.DataSource.OpenConnectionAsync(ct))
            await using (var transaction = await connection.BeginTransactionAsync(ct))
            {
                await using var insert = WithParameters(new NpgsqlCommand($"""
                    INSERT INTO {_schema}.jobs (id, config_key, spec_fingerprint, spec_json, mode, space_id, space_description,
                        state, total, created_at, updated_at, finished_at)
                    VALUES (@id, @config, @fingerprint, @spec, @mode, @space, @spaceDescription, @state, @total, @now, @now, @finished);
                    INSERT INTO {_schema}.shards (job_id, shard_id, descriptor, ordinal)
                    SELECT @id, shard.id, shard.descriptor, shard.ordinal
                    FROM unnest(@shardIds::text[], @descriptors::text[]) WITH ORDINALITY AS shard (id, descriptor, ordinal);
                    """, connection, transaction), ("id", job.Id), ("config", job.ConfigKey), ("fingerprint", job.SpecFingerprint), ("spec", job.SpecJson),
                    ("mode", job.Mode), ("space", job.SpaceId), ("spaceDescription", job.SpaceDescription),
                    ("state", JobStates.ToText(job.State)), ("total", job.Total), ("now", now),
                    ("finished", JobStates.IsFinal(job.State) ? now : null),
                    ("shardIds", shards.Select(static s => s.Id).ToArray()), ("descriptors", shards.Select(static s => s.Descriptor).ToArray()));
                await insert.ExecuteNonQueryAsync(ct);
                await transaction.CommitAsync(ct);
            }

            return await ReadJobAsync("WHERE id = @key", job.Id, ct) ?? throw NoJob(job.Id);
        }, cancellationToken);
    }

    public override ValueTask<JobRecord?> GetJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        RunAsync("cannot read", ct => ReadJobAsync("WHERE id = @key", jobId, ct), cancellationToken);

    public override ValueTask<JobRecord?> FindLatestJobAsync(string configKey, CancellationToken cancellationToken = default) =>
        RunAsync("cannot read", ct => ReadJobAsync("WHERE config_key = @key ORDER BY created_at DESC, seq DESC LIMIT 1", configKey, ct),
            cancellationToken);

    /// <remarks><paramref name="limit"/> of zero or less lists every job.</remarks>
    public override ValueTask<IReadOnlyList<JobRecord>> ListJobsAsync(int limit, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<JobRecord>>("cannot read", async ct =>
        {
            await using var command = Command($"SELECT {StateRows.JobColumns} FROM {_schema}.jobs ORDER BY created_at DESC, seq DESC LIMIT @limit;",
                ("limit", limit <= 0 ? null : limit));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var jobs = new List<JobRecord>();
            while (await reader.ReadAsync(ct))
            {
                jobs.Add(StateRows.ReadJob(reader));
            }

            return jobs;
        }, cancellationToken);

    public override ValueTask SetStateAsync(string jobId, JobState state, string? error, CancellationToken cancellationToken = default)
    {
        var final = JobStates.IsFinal(state);
        var now = Now();
        return WriteJobAsync(jobId, $"""
            UPDATE {_schema}.jobs SET state = @state, error = @error, updated_at = @now, finished_at = @finished,
                owner = CASE WHEN @final THEN NULL ELSE owner END, notice = CASE WHEN @final THEN NULL ELSE notice END
            WHERE id = @job;
            """, cancellationToken, ("state", JobStates.ToText(state)), ("error", error), ("now", now),
            ("finished", final ? now : null), ("final", final));
    }

    public override ValueTask ClaimAsync(string jobId, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return WriteJobAsync(jobId, $"""
            UPDATE {_schema}.jobs SET state = 'running', owner = @owner, heartbeat_at = @now, updated_at = @now,
                cancel_requested = false, error = NULL, finished_at = NULL, notice = NULL
            WHERE id = @job;
            """, cancellationToken, ("owner", owner), ("now", Now()));
    }

    public override ValueTask SetNoticeAsync(string jobId, string? notice, CancellationToken cancellationToken = default) =>
        WriteJobAsync(jobId, $"UPDATE {_schema}.jobs SET notice = @notice, updated_at = @now WHERE id = @job;", cancellationToken,
            ("notice", notice), ("now", Now()));

    public override ValueTask SetTotalAsync(string jobId, long total, CancellationToken cancellationToken = default) =>
        WriteJobAsync(jobId, $"UPDATE {_schema}.jobs SET total = @total, updated_at = @now WHERE id = @job;", cancellationToken,
            ("total", total), ("now", Now()));

    public override ValueTask RequestCancelAsync(string jobId, CancellationToken cancellationToken = default) =>
        WriteJobAsync(jobId, $"UPDATE {_schema}.jobs SET cancel_requested = true, updated_at = @now WHERE id = @job;", cancellationToken,
            ("now", Now()));

    private async ValueTask<JobRecord?> ReadJobAsync(string filter, string key, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {StateRows.JobColumns} FROM {_schema}.jobs {filter};", ("key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? StateRows.ReadJob(reader) : null;
    }
}
