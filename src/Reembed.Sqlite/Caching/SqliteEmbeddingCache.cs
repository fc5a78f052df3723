using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Reembed.Caching;

namespace Reembed.Sqlite;

/// <summary>
/// <see cref="EmbeddingCache"/> on one SQLite file. One connection per instance, used by one caller at a
/// time; other processes share the file through WAL, and every write takes the lock up front
/// (<c>BEGIN IMMEDIATE</c>) so two writers never deadlock upgrading a read lock.
/// </summary>
internal sealed class SqliteEmbeddingCache : EmbeddingCache
{
    // Well under SQLite's parameter limit, and large enough that a batch is one query.
    internal const int MaxKeysPerQuery = 256;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private const string SelectVectors = "SELECT content_hash, vector FROM vectors WHERE space = $scope AND created_at >= $min AND content_hash IN (";
    private const string SelectTexts = "SELECT key, text FROM texts WHERE scope = $scope AND created_at >= $min AND key IN (";

    private const string UpsertVector = """
        INSERT INTO vectors (space, content_hash, created_at, vector) VALUES ($scope, $key, $at, $value)
        ON CONFLICT (space, content_hash) DO UPDATE SET created_at = excluded.created_at, vector = excluded.vector;
        """;

    private const string UpsertText = """
        INSERT INTO texts (scope, key, created_at, text) VALUES ($scope, $key, $at, $value)
        ON CONFLICT (scope, key) DO UPDATE SET created_at = excluded.created_at, text = excluded.text;
        """;

    private readonly string _path;
    private readonly SqliteConnection _connection;
    private readonly TimeSpan? _ttl;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    public SqliteEmbeddingCache(string path, SqliteConnection connection, TimeSpan? ttl, TimeProvider time)
    {
        _path = path;
        _connection = connection;
        _ttl = ttl;
        _time = time;
    }

    public override string Description => _path;

    public override ValueTask GetVectorsAsync(
        string spaceId, IReadOnlyList<string> contentHashes, IDictionary<string, float[]> found, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spaceId);
        ArgumentNullException.ThrowIfNull(contentHashes);
        ArgumentNullException.ThrowIfNull(found);
        return UseAsync(ct => LookupAsync(SelectVectors, spaceId, contentHashes,
            reader => found[reader.GetString(0)] = SqliteVectorCodec.Decode(reader.GetFieldValue<byte[]>(1)), ct), cancellationToken);
    }

    public override ValueTask PutVectorsAsync(
        string spaceId, IReadOnlyList<KeyValuePair<string, float[]>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spaceId);
        ArgumentNullException.ThrowIfNull(entries);
        return UseAsync(ct => UpsertAsync(UpsertVector, spaceId, entries, static vector =>
        {
            var bytes = new byte[vector.Length * sizeof(float)];
            SqliteVectorCodec.Encode(vector, bytes);
            return bytes;
        }, ct), cancellationToken);
    }

    public override ValueTask GetTextsAsync(
        string scope, IReadOnlyList<string> keys, IDictionary<string, string> found, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(found);
        return UseAsync(ct => LookupAsync(SelectTexts, scope, keys, reader => found[reader.GetString(0)] = reader.GetString(1), ct),
            cancellationToken);
    }

    public override ValueTask PutTextsAsync(
        string scope, IReadOnlyList<KeyValuePair<string, string>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(entries);
        return UseAsync(ct => UpsertAsync(UpsertText, scope, entries, static text => text, ct), cancellationToken);
    }

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
            await _connection.DisposeAsync();
        }
        finally
        {
            _gate.Release();
        }

        _gate.Dispose();
        await base.DisposeAsync();
    }

    private async ValueTask LookupAsync(
        string selectPrefix, string scope, IReadOnlyList<string> keys, Action<SqliteDataReader> onRow, CancellationToken cancellationToken)
    {
        // Without a time to live every row is fresh; long.MinValue keeps one statement shape for both cases.
        var oldestKept = _ttl is { } ttl ? (_time.GetUtcNow() - ttl).ToUnixTimeMilliseconds() : long.MinValue;
        for (var start = 0; start < keys.Count; start += MaxKeysPerQuery)
        {
            var count = Math.Min(MaxKeysPerQuery, keys.Count - start);
            await using var command = _connection.CreateCommand();
            var sql = new StringBuilder(selectPrefix, selectPrefix.Length + (count * 7));
            for (var i = 0; i < count; i++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"$k{i}");
                sql.Append(i == 0 ? "" : ",").Append(name);
                command.Parameters.AddWithValue(name, keys[start + i]);
            }

            command.CommandText = sql.Append(");").ToString();
            command.Parameters.AddWithValue("$scope", scope);
            command.Parameters.AddWithValue("$min", oldestKept);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                onRow(reader);
            }
        }
    }

    private async ValueTask UpsertAsync<T>(
        string sql, string scope, IReadOnlyList<KeyValuePair<string, T>> entries, Func<T, object> encode, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var transaction = _connection.BeginTransaction(deferred: false);
        await using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var value = command.Parameters.Add("$value", typeof(T) == typeof(string) ? SqliteType.Text : SqliteType.Blob);

        // One command for the whole batch: SQLite prepares the statement once and rebinds it per row.
        foreach (var (entryKey, entryValue) in entries)
        {
            ArgumentNullException.ThrowIfNull(entryKey, nameof(entries));
            ArgumentNullException.ThrowIfNull(entryValue, nameof(entries));
            key.Value = entryKey;
            value.Value = encode(entryValue);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async ValueTask UseAsync(Func<CancellationToken, ValueTask> action, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await action(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            throw SqliteCache.Failure($"cache {_path} is busy: {ex.Message}", ex, ErrorKind.Transient);
        }
        catch (SqliteException ex)
        {
            throw SqliteCache.Failure($"cache {_path}: {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }
}
