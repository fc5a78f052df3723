namespace Reembed.Hosting;

/// <summary>A job's counters as results show them.</summary>
public sealed record CountersView(long Processed, long Embedded, long Skipped, long Cached, long Failed)
{
    public static CountersView From(JobCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        return new(counters.Processed, counters.Embedded, counters.Skipped, counters.Cached, counters.Failed);
    }
}
