using System.Text.Json.Serialization;

namespace Reembed.Hosting;

/// <summary>What <c>plan</c> found: records, items and tokens per mode, and the estimate for the configured mode. Nothing is written.</summary>
public sealed record PlanResult
{
    public required string Source { get; init; }

    public required string Target { get; init; }

    public required bool TargetExists { get; init; }

    public required SpaceView Space { get; init; }

    public required long Records { get; init; }

    public required long Failed { get; init; }

    public required long Empty { get; init; }

    public required ModeCounts Modes { get; init; }

    public required string Mode { get; init; }

    public required long Items { get; init; }

    public required long Tokens { get; init; }

    /// <summary>Null when neither a budget nor a measured speed gives one.</summary>
    public required double? EstimatedSeconds { get; init; }

    public required long EstimatedRequests { get; init; }

    public required double? EstimatedCost { get; init; }

    /// <summary>What sets the estimate: <c>requestsPerMinute</c>, <c>tokensPerMinute</c>, <c>measured speed</c> or <c>unknown</c>.</summary>
    public required string BoundBy { get; init; }

    /// <summary>The first unreadable records.</summary>
    public required IReadOnlyList<FailureView> Failures { get; init; }

    /// <summary>The run enriches its texts: items and tokens are of the texts before the chat model rewrites them.</summary>
    [JsonIgnore]
    public bool TokensBeforeEnrichment { get; init; }

    /// <summary>The model is remote: its tokens are estimated, not counted.</summary>
    [JsonIgnore]
    public bool TokensEstimated { get; init; }
}
