namespace Reembed;

/// <summary>The pass/fail limits of <see cref="Verifier"/> (config keys <c>verify.thresholds.&lt;name&gt;</c>).</summary>
public sealed class VerifyThresholds
{
    /// <summary>
    /// Most source records allowed without a vector (<c>verify.thresholds.maxMissing</c>). Default 0: keys in the
    /// failures ledger count too, since a swap would drop them from search all the same.
    /// </summary>
    public long MaxMissing { get; init; }

    /// <summary>Most vectors allowed with a NaN or infinite component (<c>verify.thresholds.maxNonFinite</c>). Default 0.</summary>
    public long MaxNonFinite { get; init; }

    /// <summary>Most all-zero vectors allowed (<c>verify.thresholds.maxZeroVectors</c>). Default 0.</summary>
    public long MaxZeroVectors { get; init; }

    /// <summary>Most extra copies of a key allowed (<c>verify.thresholds.maxDuplicateKeys</c>). Default 0.</summary>
    public long MaxDuplicateKeys { get; init; }

    /// <summary>Most vectors allowed with a length other than the space's (<c>verify.thresholds.maxWrongDimensions</c>). Default 0.</summary>
    public long MaxWrongDimensions { get; init; }

    /// <summary>
    /// Least fraction of sampled records found within the top k when their text is embedded again
    /// (<c>verify.thresholds.minSelfHitRate</c>). Default 0.9. Measured on the first 3,000 Debian package
    /// descriptions (k 10, sample 200): a working model scores 1.00 (mean rank 1.02; the misses are exact duplicate
    /// texts, 2 % of that corpus), random vectors or a model answering at random 0.00 to 0.02 (k/n by chance).
    /// 0.9 leaves room for corpora with more near-duplicates while no broken model comes near it.
    /// </summary>
    public double MinSelfHitRate { get; init; } = 0.9;

    /// <summary>
    /// Least mean share of a sampled record's top-k neighbours that the old vectors agree on
    /// (<c>verify.thresholds.minMeanOverlap</c>), checked only against a baseline. Default 0.1. Measured on the first
    /// 3,000 Debian descriptions (k 10, sample 200), old = word hashing at 256 dims, new = character 3/4-gram hashing at
    /// 384 dims (a model change that keeps the meaning): 0.29 (0.35 on the first 1,500), with a median of 0.2 and many
    /// records at 0, so a per-record floor would not work; random vectors or a random model: 0.00 to 0.01. Two different
    /// good models agree on far fewer neighbours than one model agrees with itself, so the bar sits well below the good
    /// migration and ten times above chance: it catches vectors that have lost their relation to the text.
    /// </summary>
    public double MinMeanOverlap { get; init; } = 0.1;

    /// <summary>
    /// Least new golden recall@k as a fraction of the old (<c>verify.thresholds.minGoldenRecallRatio</c>), checked when
    /// both the new and the old side are measured. Default 0.95: a new model may lose a little on the golden set, not more.
    /// </summary>
    public double MinGoldenRecallRatio { get; init; } = 0.95;

    /// <summary>Least new golden recall@k (<c>verify.thresholds.minGoldenRecall</c>), checked with a golden file. Default 0 (no floor).</summary>
    public double MinGoldenRecall { get; init; }
}
