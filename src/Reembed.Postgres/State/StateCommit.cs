using Npgsql;

namespace Reembed.Postgres;

/// <summary>
/// <see cref="StateStore.CommitAsync"/> as one transaction: the job row first, then the shard and the ledger.
/// Updating the job row first locks it, so committers of one job queue there and never deadlock on shard
/// or ledger rows; increments (<c>x = x + d</c>) then apply to the row as the previous committer left it.
/// </summary>
internal static class StateCommit
{
    public static async ValueTask<bool> ApplyAsync(
        PostgresSetup setup, string jobId, Checkpoint checkpoint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var s = setup.Schema;
        await using var connection = await setup.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var delta = checkpoint.Delta;
        await using var job = new NpgsqlCommand($"""
            UPDATE {s}.jobs SET processed = processed + $1, embedded = embedded + $2, skipped = skipped + $3,
                cached = cached + $4, failed = failed + $5, active_seconds = active_seconds + $6,
                heartbeat_at = $7, updated_at = $7, sink_token = coalesce($8, sink_token)
            WHERE id = $9
            RETURNING cancel_requested;
            """, connection, transaction);
        Add(job.Parameters, delta.Processed, delta.Embedded, delta.Skipped, delta.Cached, delta.Failed,
            checkpoint.ActiveSecondsDelta, now, checkpoint.SinkToken, jobId);
        var cancel = await job.ExecuteScalarAsync(cancellationToken) as bool? ?? throw PostgresStateStore.NoJob(jobId);

        await using var batch = new NpgsqlBatch(connection, transaction);
        var movesShard = checkpoint.Cursor is not null || checkpoint.SinkToken is not null || checkpoint.ShardDone;
        if (movesShard)
        {
            batch.BatchCommands.Add(Command($"""
                UPDATE {s}.shards SET cursor = coalesce($1, cursor), sink_token = coalesce($2, sink_token), done = done OR $3
                WHERE job_id = $4 AND shard_id = $5;
                """, checkpoint.Cursor, checkpoint.SinkToken, checkpoint.ShardDone, jobId, checkpoint.ShardId));
        }

        // One statement per entry: a key failing twice in one checkpoint counts two attempts, as it would in two.
        foreach (var entry in checkpoint.Failures)
        {
            batch.BatchCommands.Add(Command($"""
                INSERT INTO {s}.failures AS f (job_id, key, locator, stage, error_class, message, attempts, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, 1, $7)
                ON CONFLICT (job_id, key) DO UPDATE SET locator = coalesce(excluded.locator, f.locator),
                    stage = excluded.stage, error_class = excluded.error_class, message = excluded.message,
                    attempts = f.attempts + 1, updated_at = excluded.updated_at;
                """, jobId, entry.Key, entry.Locator, entry.Failure.Stage, entry.Failure.ErrorClass, entry.Failure.Message, now));
        }

        if (checkpoint.Resolved.Count > 0)
        {
            batch.BatchCommands.Add(Command($"DELETE FROM {s}.failures WHERE job_id = $1 AND key = ANY($2);",
                jobId, checkpoint.Resolved.ToArray()));
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken);
            if (movesShard && batch.BatchCommands[0].RecordsAffected == 0)
            {
                throw new ReembedException(ErrorKind.Fatal, $"job {jobId} has no shard '{checkpoint.ShardId}'");
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return cancel;
    }

    private static NpgsqlBatchCommand Command(string sql, params ReadOnlySpan<object?> values)
    {
        var command = new NpgsqlBatchCommand(sql);
        Add(command.Parameters, values);
        return command;
    }

    private static void Add(NpgsqlParameterCollection parameters, params ReadOnlySpan<object?> values)
    {
        foreach (var value in values)
        {
            parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
    }
}
