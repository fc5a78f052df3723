namespace Reembed.Verification.Json;

/// <summary>A <see cref="Distribution"/>; a statistic is null where it is NaN or infinite (all of them when the count is 0).</summary>
public sealed record DistributionDocument
{
    public required long Count { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public double? Mean { get; init; }

    public double? P05 { get; init; }

    public double? Median { get; init; }

    public double? P95 { get; init; }

    public required IReadOnlyList<HistogramBinDocument> Histogram { get; init; }
}
