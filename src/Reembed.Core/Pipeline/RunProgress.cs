namespace Reembed;

/// <summary>
/// Live counters of a running job, safe to read from another thread (the progress renderer).
/// Holds committed counts only: what it shows is what a resume would find.
/// </summary>
internal sealed class RunProgress
{
    private long _processed;
    private long _embedded;
    private long _skipped;
    private long _cached;
    private long _failed;
    private long _total = -1;

    public long Processed => Interlocked.Read(ref _processed);

    public long Embedded => Interlocked.Read(ref _embedded);

    public long Skipped => Interlocked.Read(ref _skipped);

    public long Cached => Interlocked.Read(ref _cached);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Records in the source; null until counted.</summary>
    public long? Total => Interlocked.Read(ref _total) is var total and >= 0 ? total : null;

    public string? JobId { get; internal set; }

    /// <summary>Called after every change (a commit, the total), on the thread that made it.</summary>
    internal Action<RunProgress>? Changed { get; set; }

    public void SetTotal(long total)
    {
        Interlocked.Exchange(ref _total, total);
        Changed?.Invoke(this);
    }

    public void Add(JobCounters delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        Interlocked.Add(ref _processed, delta.Processed);
        Interlocked.Add(ref _embedded, delta.Embedded);
        Interlocked.Add(ref _skipped, delta.Skipped);
        Interlocked.Add(ref _cached, delta.Cached);
        Interlocked.Add(ref _failed, delta.Failed);
        Changed?.Invoke(this);
    }

    public JobCounters Snapshot() => new(Processed, Embedded, Skipped, Cached, Failed);
}
