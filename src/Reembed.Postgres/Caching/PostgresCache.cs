using Npgsql;
using Reembed.Caching;

namespace Reembed.Postgres;

/// <summary>Opens the PostgreSQL embedding cache, which several processes (workers) can share.</summary>
public static class PostgresCache
{
    /// <summary>
    /// Opens the cache in <paramref name="schema"/> (usually <c>reembed</c>) of the database that
    /// <paramref name="connectionString"/> names, creating or migrating its tables when needed. Entries older
    /// than <paramref name="ttl"/> read as misses and are deleted at open; null keeps them forever.
    /// </summary>
    /// <exception cref="ReembedException">
    /// Kind <see cref="ErrorKind.Config"/> naming <c>cache.ttl</c> when <paramref name="ttl"/> is not positive, or for a
    /// malformed connection string, bad schema name, bad credentials or missing database; <see cref="ErrorKind.Transient"/>
    /// when the server cannot be reached; <see cref="ErrorKind.Fatal"/> otherwise. Messages never contain the password.
    /// </exception>
    public static async ValueTask<EmbeddingCache> OpenAsync(
        string connectionString, string schema, TimeSpan? ttl, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(time);
        if (ttl <= TimeSpan.Zero)
        {
            throw ReembedException.Config("cache.ttl", $"must be positive, got {ttl}");
        }

        var setup = PostgresSetup.Create(connectionString, schema, "cache");
        try
        {
            await setup.EnsureSchemaAsync(CacheTables.Component, CacheTables.Steps, cancellationToken);
            if (ttl is { } keep)
            {
                await PurgeAsync(setup, time.GetUtcNow().ToUniversalTime() - keep, cancellationToken);
            }

            return new PostgresEmbeddingCache(setup, ttl, time);
        }
        catch
        {
            await setup.DisposeAsync();
            throw;
        }
    }

    private static async ValueTask PurgeAsync(PostgresSetup setup, DateTimeOffset oldestKept, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = setup.DataSource.CreateCommand($"""
                DELETE FROM {setup.Schema}.cache_vectors WHERE created_at < @min;
                DELETE FROM {setup.Schema}.cache_texts WHERE created_at < @min;
                """);
            command.Parameters.AddWithValue("min", oldestKept);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException ex) when (ex.IsTransient)
        {
            // Expired rows are already invisible to reads (a deadlock with another process's purge, say); the next open purges them.
        }
        catch (NpgsqlException ex)
        {
            throw setup.Failure(ex, "cannot purge");
        }
    }
}
