namespace Reembed;

/// <summary>
/// The outcome of verifying a candidate (usually a shadow) against its source and the vectors it would
/// replace: every check with its value and threshold, the metrics behind them, and the verdict.
/// </summary>
public sealed record VerifyReport
{
    /// <summary>The job whose output was verified; null when verifying a target no job of this state store wrote.</summary>
    public string? JobId { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>What was verified, e.g. <c>sqlite out/v.db table vectors__reembed_0123456789abcdef</c>.</summary>
    public required string Candidate { get; init; }

    /// <summary>What it was compared with (the live vectors it would replace); null when nothing.</summary>
    public string? Baseline { get; init; }

    public required string SpaceId { get; init; }

    public required string SpaceDescription { get; init; }

    /// <summary>The baseline's space, when there is a baseline.</summary>
    public string? BaselineSpaceId { get; init; }

    public required StructureMetrics Structure { get; init; }

    /// <summary>Null when the quality checks were not run (an empty candidate).</summary>
    public QualityMetrics? Quality { get; init; }

    public required IReadOnlyList<VerifyCheck> Checks { get; init; }

    /// <summary>True iff every check passed.</summary>
    public bool Passed => Checks.All(c => c.Passed);
}
