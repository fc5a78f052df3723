namespace Reembed.Verification.Json;

/// <summary>The metrics behind the checks; <paramref name="Quality"/> is null when the quality checks were not run.</summary>
public sealed record MetricsDocument(StructureDocument Structure, QualityDocument? Quality);
