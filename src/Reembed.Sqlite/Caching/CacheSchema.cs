using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>Creates the cache tables and records the schema version in <c>PRAGMA user_version</c>.</summary>
internal static class CacheSchema
{
    public const int Version = 1;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    // created_at comes before the blob so that the purge reads it without walking the blob's overflow pages.
    private const string CreateV1 = """
        CREATE TABLE IF NOT EXISTS vectors (
            space TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (space, content_hash)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS texts (
            scope TEXT NOT NULL,
            key TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (scope, key)) WITHOUT ROWID;
        """;

    /// <summary>Brings the file to <see cref="Version"/>; refuses a file written by a newer build or holding other tables.</summary>
    public static async ValueTask EnsureAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        // IMMEDIATE so two processes opening a fresh file do not both try to migrate it.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (version > Version)
        {
            throw SqliteCache.Failure($"cannot open cache {path}: schema version {version} is newer than this build supports ({Version})");
        }

        if (version < 1)
        {
            command.CommandText = CreateV1 + $"PRAGMA user_version = {Version};";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // Another tool's file at version 1 (the state store, say) has no cache tables: fail here, not mid-run.
        command.CommandText = "SELECT 1 FROM vectors LIMIT 0; SELECT 1 FROM texts LIMIT 0;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Deletes entries written before <paramref name="oldestKept"/> (Unix milliseconds). Skipped when another process holds the lock.</summary>
    public static async ValueTask PurgeAsync(SqliteConnection connection, long oldestKept, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM vectors WHERE created_at < $min; DELETE FROM texts WHERE created_at < $min;";
            command.Parameters.AddWithValue("$min", oldestKept);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            // Expired rows are already invisible to reads; the next open purges them.
        }
    }
}
