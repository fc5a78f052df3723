namespace Reembed.Postgres;

/// <summary>
/// The ANN index of a <c>postgres</c> target (<c>target.index</c>). A shadow table gets it after the load,
/// in <see cref="VectorSink.CompleteAsync"/>, which is far faster than maintaining it row by row; an
/// in-place column without one gets it <c>CONCURRENTLY</c> at completion, so the source table stays writable.
/// </summary>
public sealed class PostgresIndexOptions
{
    /// <summary><c>hnsw</c> (better recall and speed, slower to build) or <c>ivfflat</c> (<c>target.index.type</c>; <c>kind</c> is its older name).</summary>
    public string Kind { get; init; } = "hnsw";

    /// <summary>
    /// The operator class (<c>target.index.ops</c>), e.g. <c>vector_cosine_ops</c>, <c>vector_l2_ops</c>,
    /// <c>vector_ip_ops</c>; null for the cosine class of the column type.
    /// </summary>
    public string? Ops { get; init; }

    /// <summary>hnsw only: links per node, 2–100 (<c>target.index.m</c>); null for pgvector's default (16).</summary>
    public int? M { get; init; }

    /// <summary>hnsw only: candidate list size while building, 4–1000 and at least 2·m (<c>target.index.efConstruction</c>); null for pgvector's default (64).</summary>
    public int? EfConstruction { get; init; }

    /// <summary>ivfflat only: number of lists, 1–32768 (<c>target.index.lists</c>); null for rows/1000 (√rows above a million rows).</summary>
    public int? Lists { get; init; }

    /// <summary>
    /// <c>maintenance_work_mem</c> for the session that builds the index (<c>target.index.maintenanceWorkMem</c>),
    /// e.g. <c>1GB</c>: an hnsw build that fits in it is several times faster.
    /// </summary>
    public string MaintenanceWorkMem { get; init; } = "1GB";
}
