namespace Reembed;

/// <summary>Summary of a set of numbers (norms, overlaps, similarity scores, ranks) for reports and charts.</summary>
public sealed record Distribution
{
    public required long Count { get; init; }

    public required double Min { get; init; }

    public required double Max { get; init; }

    public required double Mean { get; init; }

    public required double P05 { get; init; }

    public required double Median { get; init; }

    public required double P95 { get; init; }

    /// <summary>Equal-width bins from <see cref="Min"/> to <see cref="Max"/> (one bin when they are equal).</summary>
    public required IReadOnlyList<HistogramBin> Histogram { get; init; }
}
