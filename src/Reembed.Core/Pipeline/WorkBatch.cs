namespace Reembed;

/// <summary>
/// A contiguous run of records of one shard, in source order. Skipped and failed records ride
/// along with the ones to embed so that the watermark can pass over them when the batch commits.
/// </summary>
internal sealed class WorkBatch
{
    public required long Sequence { get; init; }

    /// <summary>Cursor of the last record in the batch; null in retry passes, which never move a watermark.</summary>
    public string? LastCursor { get; set; }

    public List<PlannedItem> Items { get; } = [];

    public int EmbedCount { get; set; }

    public int EstimatedTokens { get; set; }

    /// <summary>
    /// Not embedded because the job is stopping: neither it nor any later batch is committed, and a
    /// resume reads its records again.
    /// </summary>
    public bool Abandoned { get; set; }
}
