namespace Reembed.Postgres.Cutover;

/// <summary>Where a collection's parts are in its table, all quoted; a part the table lacks is the SQL <c>NULL::text</c>.</summary>
/// <param name="VectorType">The vector column's base type name: <c>vector</c>, <c>halfvec</c>, <c>_float4</c>, ….</param>
/// <param name="TaggedSpace">The vector column's space tag, used when there is no per-row space.</param>
internal sealed record PgCollectionLayout(string Id, string Vector, string VectorType, string Hash, string Space, string? TaggedSpace)
{
    public const string Missing = "NULL::text";

    /// <summary>pgvector's own types, which have the <c>&lt;=&gt;</c> cosine distance (and its indexes).</summary>
    public bool Searchable => VectorType is "vector" or "halfvec";
}
