namespace Reembed;

/// <summary>What the old vectors say about the sample; the distributions and golden side are null when they cannot be measured.</summary>
internal sealed record BaselineComparison(
    string? SpaceId, bool HasVectors, Distribution? Overlap, Distribution? OldTopScores, GoldenMetrics? Golden);
