using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>Creates the state tables and records the schema version in <c>PRAGMA user_version</c>.</summary>
internal static class StateSchema
{
    public const int Version = 3;

    private const string CreateV1 = """
        CREATE TABLE IF NOT EXISTS jobs (
            id TEXT NOT NULL PRIMARY KEY,
            config_key TEXT NOT NULL,
            spec_fingerprint TEXT NOT NULL,
            spec_json TEXT NOT NULL,
            mode TEXT NOT NULL,
            space_id TEXT NOT NULL,
            space_description TEXT NOT NULL,
            state TEXT NOT NULL,
            processed INTEGER NOT NULL DEFAULT 0,
            embedded INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            cached INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            total INTEGER NULL,
            active_seconds REAL NOT NULL DEFAULT 0,
            error TEXT NULL,
            sink_token TEXT NULL,
            cancel_requested INTEGER NOT NULL DEFAULT 0,
            owner TEXT NULL,
            heartbeat_at TEXT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finished_at TEXT NULL);
        CREATE INDEX IF NOT EXISTS jobs_config_created ON jobs (config_key, created_at);
        CREATE TABLE IF NOT EXISTS shards (
            job_id TEXT NOT NULL REFERENCES jobs (id),
            shard_id TEXT NOT NULL,
            descriptor TEXT NOT NULL,
            cursor TEXT NULL,
            sink_token TEXT NULL,
            done INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (job_id, shard_id));
        CREATE TABLE IF NOT EXISTS failures (
            job_id TEXT NOT NULL REFERENCES jobs (id),
            key TEXT NOT NULL,
            locator TEXT NULL,
            stage TEXT NOT NULL,
            error_class TEXT NOT NULL,
            message TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (job_id, key));
        """;

    // v2: a job's notice (e.g. "paused: the embedding API is unavailable").
    private const string AddV2 = "ALTER TABLE jobs ADD COLUMN notice TEXT NULL;";

    // v3: the outcomes of verify, which swap consults.
    private const string AddV3 = """
        CREATE TABLE IF NOT EXISTS verifications (
            job_id TEXT NOT NULL REFERENCES jobs (id),
            at TEXT NOT NULL,
            passed INTEGER NOT NULL,
            candidate TEXT NOT NULL,
            space_id TEXT NOT NULL,
            metrics_json TEXT NOT NULL,
            report_path TEXT NULL);
        CREATE INDEX IF NOT EXISTS verifications_job ON verifications (job_id);
        """;

    /// <summary>Brings the file to <see cref="Version"/>; refuses a file written by a newer build.</summary>
    public static async ValueTask EnsureAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        // IMMEDIATE so two processes opening a fresh file do not both try to migrate it.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Version)
        {
            throw new ReembedException(ErrorKind.Fatal,
                $"cannot open state store {path}: schema version {version} is newer than this build supports ({Version})");
        }

        if (version < 1)
        {
            command.CommandText = CreateV1;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (version < 2)
        {
            command.CommandText = AddV2;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (version < 3)
        {
            command.CommandText = AddV3;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (version < Version)
        {
            command.CommandText = $"PRAGMA user_version = {Version};";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
