using Microsoft.Data.Sqlite;
using Reembed.Caching;

namespace Reembed.Sqlite;

/// <summary>Opens the embedded SQLite embedding cache, the default for single-machine runs.</summary>
public static class SqliteCache
{
    internal const string PathKey = "cache.path";

    /// <summary>
    /// Opens (creating the file, its folder and its schema when missing) the cache at <paramref name="path"/>.
    /// Entries older than <paramref name="ttl"/> read as misses and are deleted at open; null keeps them forever.
    /// Several processes may open the same file.
    /// </summary>
    /// <exception cref="ReembedException">
    /// Kind <see cref="ErrorKind.Fatal"/>, naming <c>cache.path</c>, when the file cannot be created, opened or written;
    /// kind <see cref="ErrorKind.Config"/> naming <c>cache.ttl</c> when <paramref name="ttl"/> is not positive.
    /// </exception>
    public static async ValueTask<EmbeddingCache> OpenAsync(
        string path, TimeSpan? ttl, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);
        if (ttl <= TimeSpan.Zero)
        {
            throw ReembedException.Config("cache.ttl", $"must be positive, got {ttl}");
        }

        SqliteConnection? connection = null;
        try
        {
            connection = await SqliteSetup.OpenCreatingAsync(Path.GetFullPath(path), cancellationToken);
            await CacheSchema.EnsureAsync(connection, path, cancellationToken);
            if (ttl is { } keep)
            {
                await CacheSchema.PurgeAsync(connection, (time.GetUtcNow() - keep).ToUnixTimeMilliseconds(), cancellationToken);
            }

            var cache = new SqliteEmbeddingCache(path, connection, ttl, time);
            connection = null;
            return cache;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException or NotSupportedException)
        {
            throw Failure($"cannot open cache {path}: {ex.Message}", ex);
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    internal static ReembedException Failure(string message, Exception? inner = null, ErrorKind kind = ErrorKind.Fatal) =>
        new(kind, $"{PathKey}: {message}", inner) { Subject = PathKey };
}
