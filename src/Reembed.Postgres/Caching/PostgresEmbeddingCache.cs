using Npgsql;
using Reembed.Caching;

namespace Reembed.Postgres;

/// <summary>
/// <see cref="EmbeddingCache"/> on PostgreSQL, shared by any number of processes. A lookup is one query
/// (<c>= ANY(keys)</c>), a put one upsert over <c>unnest</c>; safe to call from several threads at once.
/// </summary>
internal sealed class PostgresEmbeddingCache : EmbeddingCache
{
    private readonly PostgresSetup _setup;
    private readonly TimeSpan? _ttl;
    private readonly TimeProvider _time;

    public PostgresEmbeddingCache(PostgresSetup setup, TimeSpan? ttl, TimeProvider time)
    {
        _setup = setup;
        _ttl = ttl;
        _time = time;
    }

    public override string Description => _setup.Description;

    public override ValueTask GetVectorsAsync(
        string spaceId, IReadOnlyList<string> contentHashes, IDictionary<string, float[]> found, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spaceId);
        ArgumentNullException.ThrowIfNull(contentHashes);
        ArgumentNullException.ThrowIfNull(found);
        return LookupAsync("cache_vectors", "space", "content_hash", "vector", spaceId, contentHashes,
            reader => found[reader.GetString(0)] = VectorBytes.Decode(reader.GetFieldValue<byte[]>(1)), cancellationToken);
    }

    public override ValueTask PutVectorsAsync(
        string spaceId, IReadOnlyList<KeyValuePair<string, float[]>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spaceId);
        ArgumentNullException.ThrowIfNull(entries);
        return UpsertAsync("cache_vectors", "space", "content_hash", "vector", "bytea", spaceId, entries, VectorBytes.Encode, cancellationToken);
    }

    public override ValueTask GetTextsAsync(
        string scope, IReadOnlyList<string> keys, IDictionary<string, string> found, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(found);
        return LookupAsync("cache_texts", "scope", "key", "text", scope, keys,
            reader => found[reader.GetString(0)] = reader.GetString(1), cancellationToken);
    }

    public override ValueTask PutTextsAsync(
        string scope, IReadOnlyList<KeyValuePair<string, string>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(entries);
        return UpsertAsync("cache_texts", "scope", "key", "text", "text", scope, entries, static text => text, cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        await _setup.DisposeAsync();
        await base.DisposeAsync();
    }

    private async ValueTask LookupAsync(string table, string scopeColumn, string keyColumn, string valueColumn, string scope,
        IReadOnlyList<string> keys, Action<NpgsqlDataReader> onRow, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }

        try
        {
            var fresh = _ttl is null ? "" : " AND created_at >= @min";
            await using var command = _setup.DataSource.CreateCommand($"""
                SELECT {keyColumn}, {valueColumn} FROM {_setup.Schema}.{table}
                WHERE {scopeColumn} = @scope AND {keyColumn} = ANY(@keys){fresh};
                """);
            command.Parameters.AddWithValue("scope", scope);
            command.Parameters.AddWithValue("keys", keys.ToArray());
            if (_ttl is { } ttl)
            {
                command.Parameters.AddWithValue("min", _time.GetUtcNow().ToUniversalTime() - ttl);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                onRow(reader);
            }
        }
        catch (NpgsqlException ex)
        {
            throw _setup.Failure(ex, "cannot read");
        }
    }

    private async ValueTask UpsertAsync<T>(string table, string scopeColumn, string keyColumn, string valueColumn, string valueType,
        string scope, IReadOnlyList<KeyValuePair<string, T>> entries, Func<T, object> encode, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        // One row per key (the last entry wins, as with one put per entry), in key order: an upsert may not touch a row
        // twice, and two processes writing overlapping batches lock rows in the same order, so they cannot deadlock.
        var latest = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(entries));
            ArgumentNullException.ThrowIfNull(value, nameof(entries));
            latest[key] = encode(value);
        }

        try
        {
            await using var command = _setup.DataSource.CreateCommand($"""
                INSERT INTO {_setup.Schema}.{table} ({scopeColumn}, {keyColumn}, created_at, {valueColumn})
                SELECT @scope, entry.key, @at, entry.value FROM unnest(@keys::text[], @values::{valueType}[]) AS entry (key, value)
                ON CONFLICT ({scopeColumn}, {keyColumn}) DO UPDATE SET created_at = excluded.created_at, {valueColumn} = excluded.{valueColumn};
                """);
            command.Parameters.AddWithValue("scope", scope);
            command.Parameters.AddWithValue("at", _time.GetUtcNow().ToUniversalTime());
            command.Parameters.AddWithValue("keys", latest.Keys.ToArray());
            command.Parameters.AddWithValue("values", ValuesArray(latest.Values));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            throw _setup.Failure(ex, "cannot write to");
        }
    }

    // A typed array, so that Npgsql sends bytea[] or text[] rather than guessing from object[].
    private static Array ValuesArray(IEnumerable<object> values) => values.FirstOrDefault() is byte[]
        ? values.Cast<byte[]>().ToArray()
        : values.Cast<string>().ToArray();
}
