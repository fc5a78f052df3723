using System.Text.Json.Serialization;

namespace Reembed.Hosting;

/// <summary>A job's progress, rate, ETA, space, failures, latest verify and (with a shadow cut-over) its target.</summary>
public sealed record StatusResult
{
    public required string JobId { get; init; }

    public required string State { get; init; }

    /// <summary>Its owner still runs it (a <c>running</c> job whose owner is gone was interrupted and is resumable).</summary>
    public required bool Running { get; init; }

    public required string Mode { get; init; }

    public required long? Total { get; init; }

    public required long Processed { get; init; }

    public required long Embedded { get; init; }

    public required long Skipped { get; init; }

    public required long Cached { get; init; }

    public required long Failed { get; init; }

    public required double RecordsPerSecond { get; init; }

    public required double? EtaSeconds { get; init; }

    public required CacheView Cache { get; init; }

    public required SpaceView Space { get; init; }

    /// <summary>Running, but waiting for the model API to answer again.</summary>
    public required bool Paused { get; init; }

    public required string? Notice { get; init; }

    public required string? Error { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required VerificationView? Verification { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TargetStatus? Target { get; init; }

    /// <summary>Why the target could not be inspected; the status is still given.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TargetError { get; init; }

    /// <summary>The first entries of the failures ledger.</summary>
    public required IReadOnlyList<FailureView> Failures { get; init; }
}
