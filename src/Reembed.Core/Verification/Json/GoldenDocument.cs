namespace Reembed.Verification.Json;

/// <summary>One side's <see cref="GoldenMetrics"/>; a mean is null where it is NaN or infinite.</summary>
public sealed record GoldenDocument(string Side, int Queries, int K, double? RecallAtK, double? Mrr, double? NdcgAtK);
