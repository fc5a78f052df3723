using Reembed.Providers;

namespace Reembed.Postgres;

/// <summary><c>state</c> in a schema of a PostgreSQL database: shared by the workers and the service of a team.</summary>
public sealed record PostgresStateSpec : StateSpec
{
    public const string DefaultSchema = "reembed";

    public override string Type => PostgresStoreProvider.Kind;

    /// <summary>The NAME of the environment variable holding the connection string.</summary>
    public required string ConnectionStringEnv { get; init; }

    public string Schema { get; init; } = DefaultSchema;

    public override string Description => $"postgres schema {Schema} (${ConnectionStringEnv})";
}
