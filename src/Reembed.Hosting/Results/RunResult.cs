using System.Text.Json.Serialization;

namespace Reembed.Hosting;

/// <summary>What <c>run</c> and <c>retry-failed</c> did: the job's totals, this run's share, and where the vectors went.</summary>
public sealed record RunResult
{
    public required string JobId { get; init; }

    public required string State { get; init; }

    public required long Total { get; init; }

    public required long Processed { get; init; }

    public required long Embedded { get; init; }

    public required long Skipped { get; init; }

    public required long Cached { get; init; }

    public required long Failed { get; init; }

    public required double DurationSeconds { get; init; }

    public required bool Resumed { get; init; }

    public required CountersView ThisRun { get; init; }

    public required string Space { get; init; }

    /// <summary>The sink written (the live target or its shadow).</summary>
    public required string Target { get; init; }

    /// <summary>Request counters of a remote embedder; null for a built-in one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApiStatsView? Api { get; init; }

    /// <summary>The run stopped on request (graceful stop or cancel) with its checkpoint committed.</summary>
    [JsonIgnore]
    public bool Stopped { get; init; }

    /// <summary>Set by a host that has exit codes (the CLI).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ExitCode { get; init; }
}
