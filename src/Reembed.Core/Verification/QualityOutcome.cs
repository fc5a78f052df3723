namespace Reembed;

/// <summary>The quality metrics, and what the checks need to know beyond them.</summary>
/// <param name="SelfQueries">Sample records with a text in the source, that is, self-retrieval queries made.</param>
/// <param name="BaselineSpaceId">The space found on the baseline's vectors; null without a baseline or a tag.</param>
/// <param name="BaselineHasVectors">The baseline holds at least one usable vector.</param>
internal sealed record QualityOutcome(QualityMetrics Metrics, int SelfQueries, string? BaselineSpaceId, bool BaselineHasVectors);
