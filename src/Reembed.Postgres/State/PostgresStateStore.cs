using Npgsql;

namespace Reembed.Postgres;

/// <summary>
/// <see cref="StateStore"/> on PostgreSQL, shared by any number of processes: each call takes a pooled
/// connection, each write is one transaction, and counters move by increments (<c>x = x + d</c>), so
/// concurrent committers never lose a count. Safe to call from several threads at once.
/// </summary>
internal sealed partial class PostgresStateStore : StateStore
{
    private readonly PostgresSetup _setup;
    private readonly TimeProvider _time;
    private readonly string _schema;

    public PostgresStateStore(PostgresSetup setup, TimeProvider time)
    {
        _setup = setup;
        _time = time;
        _schema = setup.Schema;
    }

    public override string Description => _setup.Description;

    public override ValueTask<bool> CommitAsync(string jobId, Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(checkpoint);
        return RunAsync("cannot commit to", ct => StateCommit.ApplyAsync(_setup, jobId, checkpoint, Now(), ct), cancellationToken);
    }

    public override ValueTask<IReadOnlyList<LedgerEntry>> GetFailuresAsync(string jobId, int limit, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<LedgerEntry>>("cannot read", async ct =>
        {
            await using var command = Command($"""
                SELECT key, locator, stage, error_class, message, attempts FROM {_schema}.failures
                WHERE job_id = @job ORDER BY seq LIMIT @limit;
                """, ("job", jobId), ("limit", limit <= 0 ? null : limit));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var entries = new List<LedgerEntry>();
            while (await reader.ReadAsync(ct))
            {
                entries.Add(new LedgerEntry(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5)));
            }

            return entries;
        }, cancellationToken);

    public override ValueTask<IReadOnlyList<ShardState>> GetShardsAsync(string jobId, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<ShardState>>("cannot read", async ct =>
        {
            await using var command = Command($"""
                SELECT shard_id, descriptor, cursor, sink_token, done FROM {_schema}.shards WHERE job_id = @job ORDER BY ordinal;
                """, ("job", jobId));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var shards = new List<ShardState>();
            while (await reader.ReadAsync(ct))
            {
                shards.Add(new ShardState(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4)));
            }

            return shards;
        }, cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await _setup.DisposeAsync();
        await base.DisposeAsync();
    }

    internal static ReembedException NoJob(string jobId) => ReembedException.Config("job", $"no job with id {jobId}");

    private DateTimeOffset Now() => _time.GetUtcNow().ToUniversalTime();

    /// <summary>A command that takes a pooled connection of its own when run.</summary>
    private NpgsqlCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        WithParameters(_setup.DataSource.CreateCommand(sql), parameters);

    private static NpgsqlCommand WithParameters(NpgsqlCommand command, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>Runs one statement in its own transaction; throws when no job row changed.</summary>
    private async ValueTask WriteJobAsync(string jobId, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters) =>
        await RunAsync("cannot write to", async ct =>
        {
            await using var command = Command(sql, parameters);
            command.Parameters.AddWithValue("job", jobId);
            if (await command.ExecuteNonQueryAsync(ct) == 0)
            {
                throw NoJob(jobId);
            }

            return true;
        }, cancellationToken);

    private async ValueTask<T> RunAsync<T>(string action, Func<CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await work(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            throw _setup.Failure(ex, action);
        }
    }
}
