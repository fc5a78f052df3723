namespace Reembed.Postgres;

/// <summary>The state store's tables, as migration steps (see <see cref="PostgresSetup.EnsureSchemaAsync"/>).</summary>
internal static class StateTables
{
    public const string Component = "state";

    // seq keeps insertion order (the SQLite store's rowid): newest job among equal created_at, ledger order.
    private const string CreateV1 = """
        CREATE TABLE {schema}.jobs (
            id text NOT NULL PRIMARY KEY,
            seq bigint GENERATED ALWAYS AS IDENTITY,
            config_key text NOT NULL,
            spec_fingerprint text NOT NULL,
            spec_json text NOT NULL,
            mode text NOT NULL,
            space_id text NOT NULL,
            space_description text NOT NULL,
            state text NOT NULL,
            processed bigint NOT NULL DEFAULT 0,
            embedded bigint NOT NULL DEFAULT 0,
            skipped bigint NOT NULL DEFAULT 0,
            cached bigint NOT NULL DEFAULT 0,
            failed bigint NOT NULL DEFAULT 0,
            total bigint NULL,
            active_seconds double precision NOT NULL DEFAULT 0,
            error text NULL,
            sink_token text NULL,
            notice text NULL,
            cancel_requested boolean NOT NULL DEFAULT false,
            owner text NULL,
            heartbeat_at timestamptz NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL,
            finished_at timestamptz NULL);
        CREATE INDEX jobs_config_created ON {schema}.jobs (config_key, created_at DESC, seq DESC);
        CREATE INDEX jobs_created ON {schema}.jobs (created_at DESC, seq DESC);
        CREATE TABLE {schema}.shards (
            job_id text NOT NULL REFERENCES {schema}.jobs (id) ON DELETE CASCADE,
            shard_id text NOT NULL,
            ordinal integer NOT NULL,
            descriptor text NOT NULL,
            cursor text NULL,
            sink_token text NULL,
            done boolean NOT NULL DEFAULT false,
            PRIMARY KEY (job_id, shard_id));
        CREATE TABLE {schema}.failures (
            job_id text NOT NULL REFERENCES {schema}.jobs (id) ON DELETE CASCADE,
            key text NOT NULL,
            seq bigint GENERATED ALWAYS AS IDENTITY,
            locator text NULL,
            stage text NOT NULL,
            error_class text NOT NULL,
            message text NOT NULL,
            attempts integer NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (job_id, key));
        CREATE INDEX failures_ledger ON {schema}.failures (job_id, seq);
        """;

    // v2: the outcomes of verify, which swap consults.
    private const string AddV2 = """
        CREATE TABLE {schema}.verifications (
            job_id text NOT NULL REFERENCES {schema}.jobs (id) ON DELETE CASCADE,
            seq bigint GENERATED ALWAYS AS IDENTITY,
            at timestamptz NOT NULL,
            passed boolean NOT NULL,
            candidate text NOT NULL,
            space_id text NOT NULL,
            metrics_json text NOT NULL,
            report_path text NULL);
        CREATE INDEX verifications_job ON {schema}.verifications (job_id, seq DESC);
        """;

    public static IReadOnlyList<string> Steps { get; } = [CreateV1, AddV2];
}
