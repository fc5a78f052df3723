namespace Reembed;

/// <summary>
/// What one commit records atomically: a shard's new watermark, the sink's resume token, the
/// count deltas, and the ledger changes of the batches it covers.
/// </summary>
public sealed class Checkpoint
{
    public required string ShardId { get; init; }

    /// <summary>The new watermark; null when the commit does not move it (retry-failed).</summary>
    public string? Cursor { get; init; }

    public string? SinkToken { get; init; }

    public bool ShardDone { get; init; }

    public JobCounters Delta { get; init; } = JobCounters.Zero;

    /// <summary>Failures to add or, for keys already in the ledger, to count as another attempt.</summary>
    public IReadOnlyList<ItemFailureEntry> Failures { get; init; } = [];

    /// <summary>Ledger keys that have now succeeded and leave the ledger.</summary>
    public IReadOnlyList<string> Resolved { get; init; } = [];

    public double ActiveSecondsDelta { get; init; }
}
