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

    /// <summary>CALIBRATION</summary>
    public double MinSelfHitRate { get; init; } = 0.9;

    /// <summary>CALIBRATION</summary>
    public double MinMeanOverlap { get; init; } = 0.1;

    /// <summary>
    /// Least new golden recall@k as a fraction of the old (<c>verify.thresholds.minGoldenRecallRatio</c>), checked when
    /// both the new and the old side are measured. Default 0.95: a new model may lose a little on the golden set, not more.
    /// </summary>
    public double MinGoldenRecallRatio { get; init; } = 0.95;

    /// <summary>Least new golden recall@k (<c>verify.thresholds.minGoldenRecall</c>), checked with a golden file. Default 0 (no floor).</summary>
    public double MinGoldenRecall { get; init; }
}
