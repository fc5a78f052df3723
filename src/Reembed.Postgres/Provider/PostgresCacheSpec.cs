using Reembed.Providers;

namespace Reembed.Postgres;

/// <summary><c>cache</c> in a schema of a PostgreSQL database.</summary>
public sealed record PostgresCacheSpec : CacheSpec
{
    public override string Type => PostgresStoreProvider.Kind;

    /// <summary>The NAME of the environment variable holding the connection string.</summary>
    public required string ConnectionStringEnv { get; init; }

    public string Schema { get; init; } = PostgresStateSpec.DefaultSchema;
}
