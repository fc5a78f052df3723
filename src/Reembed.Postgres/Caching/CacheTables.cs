namespace Reembed.Postgres;

/// <summary>The cache's tables, as migration steps (see <see cref="PostgresSetup.EnsureSchemaAsync"/>).</summary>
internal static class CacheTables
{
    public const string Component = "cache";

    // Vectors are little-endian float32 bytes: bit-exact (-0, subnormals) and half the size of a real[] row header per element.
    private const string CreateV1 = """
        CREATE TABLE {schema}.cache_vectors (
            space text NOT NULL,
            content_hash text NOT NULL,
            created_at timestamptz NOT NULL,
            vector bytea NOT NULL,
            PRIMARY KEY (space, content_hash));
        CREATE INDEX cache_vectors_created ON {schema}.cache_vectors (created_at);
        CREATE TABLE {schema}.cache_texts (
            scope text NOT NULL,
            key text NOT NULL,
            created_at timestamptz NOT NULL,
            text text NOT NULL,
            PRIMARY KEY (scope, key));
        CREATE INDEX cache_texts_created ON {schema}.cache_texts (created_at);
        """;

    public static IReadOnlyList<string> Steps { get; } = [CreateV1];
}
