namespace Reembed.Postgres;

/// <summary>
/// Options of the <c>postgres</c> target. Batches are loaded into a temporary staging table (binary
/// COPY of <c>real[]</c>) and applied with one set-based statement per batch, cast to the column type;
/// a shadow <c>real[]</c> table takes each batch by one binary COPY straight into it while no key of
/// the batch is there yet.
/// </summary>
public sealed class PostgresSinkOptions
{
    /// <summary>The Npgsql connection string (from <c>target.connectionStringEnv</c>); never repeated in messages.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The table (<c>target.table</c>), optionally <c>schema.table</c>: the shadow table, or the source table for <see cref="PostgresTargetShape.InPlace"/>.</summary>
    public required string Table { get; init; }

    public PostgresTargetShape Shape { get; init; } = PostgresTargetShape.Shadow;

    /// <summary>The id column (<c>target.id</c>): the primary key of a shadow table, the source's id column in place.</summary>
    public string IdColumn { get; init; } = "id";

    /// <summary>
    /// The SQL type of a new shadow table's id (<c>target.idType</c>): <c>text</c>, <c>bigint</c>,
    /// <c>integer</c> or <c>uuid</c>, normally the source id's type. Ignored in place.
    /// </summary>
    public string IdType { get; init; } = "text";

    /// <summary>The vector column (<c>target.vector</c>); in place, its hash goes to <c>&lt;vector&gt;_hash</c>.</summary>
    public string VectorColumn { get; init; } = "embedding";

    public PostgresVectorType VectorType { get; init; } = PostgresVectorType.Vector;

    public PostgresLoadPath LoadPath { get; init; } = PostgresLoadPath.Auto;

    /// <summary>The ANN index to build after the load (<c>target.index</c>); null for none.</summary>
    public PostgresIndexOptions? Index { get; init; }

    /// <summary>
    /// In place only (<c>target.deferIndex</c>): drop the column's hnsw/ivfflat index at open and recreate it
    /// CONCURRENTLY at completion, instead of maintaining it on every row update; queries run without it meanwhile.
    /// </summary>
    public bool DeferIndex { get; init; }

    /// <summary>Parses a config value <c>vector</c>, <c>halfvec</c> or <c>real[]</c>; anything else is a config error naming <paramref name="configKey"/>.</summary>
    public static PostgresVectorType ParseVectorType(string value, string configKey) => value?.Trim().ToLowerInvariant() switch
    {
        "vector" => PostgresVectorType.Vector,
        "halfvec" => PostgresVectorType.HalfVec,
        "real[]" or "float4[]" => PostgresVectorType.RealArray,
        _ => throw ReembedException.Config(configKey, $"'{value}' is not a vector type: use vector, halfvec or real[]"),
    };
}
