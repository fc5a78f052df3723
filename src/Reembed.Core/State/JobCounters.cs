namespace Reembed;

/// <summary>
/// Exact per-job counts. <see cref="Processed"/> = embedded + skipped + cached + failed, summed
/// only over committed batches, so a crash never counts a record twice.
/// </summary>
public sealed record JobCounters(long Processed, long Embedded, long Skipped, long Cached, long Failed)
{
    public static JobCounters Zero { get; } = new(0, 0, 0, 0, 0);

    public JobCounters Add(JobCounters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Processed + other.Processed, Embedded + other.Embedded, Skipped + other.Skipped,
            Cached + other.Cached, Failed + other.Failed);
    }
}
