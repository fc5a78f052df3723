using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Reembed.Providers;

namespace Reembed.Postgres;

/// <summary>
/// <c>target</c> of type <c>postgres</c>: a new table of vectors (shadow shape), or a column of the source table itself (in place,
/// when the target names the source's own table on the same connection variable).
/// </summary>
public sealed record PostgresTargetSpec : TargetSpec
{
    public override string Type => PostgresStoreProvider.Kind;

    /// <summary>The NAME of the environment variable holding the connection string (<c>target.connectionStringEnv</c>).</summary>
    public required string ConnectionStringEnv { get; init; }

    /// <summary><c>target.table</c>: the live table, or in place the source table.</summary>
    public required string Table { get; init; }

    /// <summary><c>target.vector</c>: the vector column.</summary>
    public string Vector { get; init; } = "embedding";

    /// <summary><c>target.vectorType</c>.</summary>
    [JsonIgnore]
    public PostgresVectorType VectorType { get; init; } = PostgresVectorType.Vector;

    /// <summary>The column type as the fingerprint holds it (<c>vector</c>, <c>halfvec</c>, <c>real[]</c> → <c>real</c>).</summary>
    [JsonPropertyName("vectorType")]
    public string VectorTypeName => VectorType.ToString().ToLowerInvariant();

    /// <summary><c>target.loadPath</c>: how, not what, is written.</summary>
    [JsonIgnore]
    public PostgresLoadPath LoadPath { get; init; } = PostgresLoadPath.Auto;

    /// <summary><c>target.index</c>: the ANN index built after the load; null for none.</summary>
    [JsonIgnore]
    public PostgresIndexOptions? Index { get; init; }

    /// <summary><c>target.deferIndex</c>: in place, drop an existing ANN index for the load and rebuild it concurrently after.</summary>
    [JsonIgnore]
    public bool DeferIndex { get; init; }

    /// <summary>Decided at binding: the target is the source table on the same connection variable.</summary>
    [JsonIgnore]
    public bool IsInPlace { get; init; }

    [JsonIgnore]
    public override bool InPlace => IsInPlace;

    /// <summary>The target's shape as the fingerprint holds it.</summary>
    public string Shape => IsInPlace ? "in-place" : "shadow";

    /// <summary>In place another name is another column of the source table; otherwise another table.</summary>
    public override TargetSpec Named(string name) => IsInPlace ? this with { Vector = name } : this with { Table = name };

    protected override JsonTypeInfo JsonTypeInfo => PostgresJsonContext.Default.PostgresTargetSpec;
}
