using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>
/// The prepared statements of <see cref="StateStore.CommitAsync"/>, kept for the life of the
/// connection because a run commits several times a second.
/// </summary>
internal sealed class CommitCommands : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _job;
    private readonly SqliteCommand _shard;
    private readonly SqliteCommand _fail;
    private readonly SqliteCommand _resolve;

    public CommitCommands(SqliteConnection connection)
    {
        _connection = connection;
        _job = Create("""
            UPDATE jobs SET processed = processed + $processed, embedded = embedded + $embedded,
                skipped = skipped + $skipped, cached = cached + $cached, failed = failed + $failed,
                active_seconds = active_seconds + $active, heartbeat_at = $now, updated_at = $now,
                sink_token = coalesce($sink, sink_token)
            WHERE id = $job;
            SELECT cancel_requested FROM jobs WHERE id = $job;
            """, "$processed", "$embedded", "$skipped", "$cached", "$failed", "$active", "$now", "$sink", "$job");
        _shard = Create("""
            UPDATE shards SET cursor = coalesce($cursor, cursor), sink_token = coalesce($sink, sink_token),
                done = max(done, $done)
            WHERE job_id = $job AND shard_id = $shard;
            """, "$cursor", "$sink", "$done", "$job", "$shard");
        // Re-failure keeps the row (and its rowid, hence its place in the ledger) and counts an attempt.
        _fail = Create("""
            INSERT INTO failures (job_id, key, locator, stage, error_class, message, attempts, updated_at)
            VALUES ($job, $key, $locator, $stage, $class, $message, 1, $now)
            ON CONFLICT (job_id, key) DO UPDATE SET locator = coalesce(excluded.locator, locator),
                stage = excluded.stage, error_class = excluded.error_class, message = excluded.message,
                attempts = attempts + 1, updated_at = excluded.updated_at;
            """, "$job", "$key", "$locator", "$stage", "$class", "$message", "$now");
        _resolve = Create("DELETE FROM failures WHERE job_id = $job AND key = $key;", "$job", "$key");
    }

    public async ValueTask<bool> ApplyAsync(string jobId, Checkpoint checkpoint, string now, CancellationToken cancellationToken)
    {
        await using var transaction = _connection.BeginTransaction(deferred: false);

        var delta = checkpoint.Delta;
        var cancel = await Bind(_job, transaction, delta.Processed, delta.Embedded, delta.Skipped, delta.Cached,
            delta.Failed, checkpoint.ActiveSecondsDelta, now, checkpoint.SinkToken, jobId).ExecuteScalarAsync(cancellationToken)
            ?? throw SqliteStateStore.NoJob(jobId);

        var movesShard = checkpoint.Cursor is not null || checkpoint.SinkToken is not null || checkpoint.ShardDone;
        if (movesShard)
        {
            var rows = await Bind(_shard, transaction, checkpoint.Cursor, checkpoint.SinkToken, checkpoint.ShardDone ? 1 : 0,
                jobId, checkpoint.ShardId).ExecuteNonQueryAsync(cancellationToken);
            if (rows == 0)
            {
                throw new ReembedException(ErrorKind.Fatal, $"job {jobId} has no shard '{checkpoint.ShardId}'");
            }
        }

        foreach (var entry in checkpoint.Failures)
        {
            await Bind(_fail, transaction, jobId, entry.Key, entry.Locator, entry.Failure.Stage, entry.Failure.ErrorClass,
                entry.Failure.Message, now).ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var key in checkpoint.Resolved)
        {
            await Bind(_resolve, transaction, jobId, key).ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Convert.ToInt64(cancel, System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _job.DisposeAsync();
        await _shard.DisposeAsync();
        await _fail.DisposeAsync();
        await _resolve.DisposeAsync();
    }

    private SqliteCommand Create(string sql, params string[] names)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static SqliteCommand Bind(SqliteCommand command, SqliteTransaction transaction, params ReadOnlySpan<object?> values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }
}
