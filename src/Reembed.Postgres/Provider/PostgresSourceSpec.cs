using System.Text.Json.Serialization.Metadata;
using Reembed.Providers;

namespace Reembed.Postgres;

/// <summary><c>source</c> of type <c>postgres</c>: a table or a query, read in id order; the connection string stays in the environment.</summary>
public sealed record PostgresSourceSpec : SourceSpec
{
    public override string Type => PostgresStoreProvider.Kind;

    /// <summary>The NAME of the environment variable holding the connection string (<c>source.connectionStringEnv</c>).</summary>
    public required string ConnectionStringEnv { get; init; }

    /// <summary><c>source.table</c>; exactly one of it and <see cref="Query"/> is set.</summary>
    public string? Table { get; init; }

    /// <summary><c>source.query</c>.</summary>
    public string? Query { get; init; }

    /// <summary><c>source.where</c>: a trusted SQL condition.</summary>
    public string? Where { get; init; }

    protected override JsonTypeInfo JsonTypeInfo => PostgresJsonContext.Default.PostgresSourceSpec;
}
