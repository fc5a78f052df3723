namespace Reembed.Postgres;

/// <summary>The SQL type of the vector column (<c>target.vectorType</c>).</summary>
public enum PostgresVectorType
{
    /// <summary>pgvector <c>vector(n)</c>, float32; needs the <c>vector</c> extension.</summary>
    Vector,

    /// <summary>pgvector <c>halfvec(n)</c>, float16: half the size; needs the <c>vector</c> extension.</summary>
    HalfVec,

    /// <summary>Plain <c>real[]</c>: no extension needed, no vector index either.</summary>
    RealArray,
}
