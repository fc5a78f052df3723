namespace Reembed;

/// <summary>Retrieval-quality measurements on a seeded sample of the candidate's records.</summary>
public sealed record QualityMetrics
{
    /// <summary>Records in the sample.</summary>
    public required int SampleSize { get; init; }

    /// <summary>The neighbour-list length.</summary>
    public required int K { get; init; }

    /// <summary>The seed the sample was drawn with (the same seed draws the same sample).</summary>
    public required int Seed { get; init; }

    /// <summary>How the neighbours were found: <c>store</c> (the store's own search) or <c>exact</c> (in-process, exhaustive).</summary>
    public required string Search { get; init; }

    /// <summary>
    /// Per sample record, |top-k by new vectors ∩ top-k by old vectors| / k (the record itself excluded from both);
    /// null when there are no old vectors to compare with.
    /// </summary>
    public Distribution? Overlap { get; init; }

    /// <summary>Fraction of sample records found within the top k when their text is embedded again and searched among the new vectors.</summary>
    public required double SelfHitRate { get; init; }

    /// <summary>Mean rank (1 = first) of the record in that search, counting a miss as k + 1.</summary>
    public required double SelfMeanRank { get; init; }

    /// <summary>Cosine similarity of each sample record's nearest other record, by the new vectors.</summary>
    public required Distribution NewTopScores { get; init; }

    /// <summary>The same by the old vectors; null without old vectors.</summary>
    public Distribution? OldTopScores { get; init; }

    /// <summary>Golden-query metrics, new and (when the old model is configured) old; empty without a golden file.</summary>
    public IReadOnlyList<GoldenMetrics> Golden { get; init; } = [];
}
