namespace Reembed;

/// <summary>What the structure pass found: the metrics, and the quality sample it drew on the way.</summary>
internal sealed record StructureResult(StructureMetrics Metrics, IReadOnlyList<SampledVector> Sample);
