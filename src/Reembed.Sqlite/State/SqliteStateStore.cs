using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>
/// <see cref="StateStore"/> on one SQLite file. One connection per instance, used by one caller at a
/// time; other processes share the file through WAL, and every write takes the lock up front
/// (<c>BEGIN IMMEDIATE</c>) so two writers never deadlock upgrading a read lock.
/// </summary>
internal sealed partial class SqliteStateStore : StateStore
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private readonly string _path;
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _timeProvider;
    private readonly CommitCommands _commit;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    public SqliteStateStore(string path, SqliteConnection connection, TimeProvider timeProvider)
    {
        _path = path;
        _connection = connection;
        _timeProvider = timeProvider;
        _commit = new CommitCommands(connection);
    }

    public override string Description => _path;

    public override ValueTask<bool> CommitAsync(string jobId, Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(checkpoint);
        return UseAsync(ct => _commit.ApplyAsync(jobId, checkpoint, Now(), ct), cancellationToken);
    }

    public override ValueTask<IReadOnlyList<LedgerEntry>> GetFailuresAsync(string jobId, int limit, CancellationToken cancellationToken = default) =>
        UseAsync<IReadOnlyList<LedgerEntry>>(async ct =>
        {
            await using var command = Command("""
                SELECT key, locator, stage, error_class, message, attempts FROM failures
                WHERE job_id = $job ORDER BY rowid LIMIT $limit;
                """, ("$job", jobId), ("$limit", limit <= 0 ? -1 : limit));
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
        UseAsync<IReadOnlyList<ShardState>>(async ct =>
        {
            await using var command = Command("""
                SELECT shard_id, descriptor, cursor, sink_token, done FROM shards WHERE job_id = $job ORDER BY rowid;
                """, ("$job", jobId));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var shards = new List<ShardState>();
            while (await reader.ReadAsync(ct))
            {
                shards.Add(new ShardState(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(4) != 0));
            }

            return shards;
        }, cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        // Waits for a call in flight so its connection is not pulled away under it.
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            await _commit.DisposeAsync();
            await _connection.DisposeAsync();
        }
        finally
        {
            _gate.Release();
        }

        _gate.Dispose();
        await base.DisposeAsync();
    }

    internal static ReembedException NoJob(string jobId) => ReembedException.Config("job", $"no job with id {jobId}");

    private string Now() => JobRows.TimeText(_timeProvider.GetUtcNow());

    private SqliteCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>Runs a write in its own <c>BEGIN IMMEDIATE</c> transaction; throws when no job row changed.</summary>
    private async ValueTask WriteJobAsync(string jobId, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters) =>
        await UseAsync(async ct =>
        {
            await using var transaction = _connection.BeginTransaction(deferred: false);
            await using var command = Command(sql, parameters);
            command.Parameters.AddWithValue("$job", jobId);
            command.Transaction = transaction;
            if (await command.ExecuteNonQueryAsync(ct) == 0)
            {
                throw NoJob(jobId);
            }

            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);

    private async ValueTask<T> UseAsync<T>(Func<CancellationToken, ValueTask<T>> action, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return await action(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            throw new ReembedException(ErrorKind.Transient, $"state store {_path} is busy: {ex.Message}", ex) { Subject = _path };
        }
        catch (SqliteException ex)
        {
            throw new ReembedException(ErrorKind.Fatal, $"state store {_path}: {ex.Message}", ex) { Subject = _path };
        }
        finally
        {
            _gate.Release();
        }
    }
}
