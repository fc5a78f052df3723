namespace Reembed.Verification.Json;

/// <summary>The <see cref="QualityMetrics"/> of a verification; a rate is null where it is NaN or infinite.</summary>
public sealed record QualityDocument
{
    public required int SampleSize { get; init; }

    public required int K { get; init; }

    public required int Seed { get; init; }

    public required string Search { get; init; }

    public DistributionDocument? Overlap { get; init; }

    public double? SelfHitRate { get; init; }

    public double? SelfMeanRank { get; init; }

    public required DistributionDocument NewTopScores { get; init; }

    public DistributionDocument? OldTopScores { get; init; }

    public required IReadOnlyList<GoldenDocument> Golden { get; init; }
}
