namespace Reembed;

/// <summary>
/// Persists jobs, shard watermarks and the failures ledger. A commit is one transaction.
/// </summary>
public abstract class StateStore : IAsyncDisposable
{
    /// <summary>Where the state lives, for messages.</summary>
    public abstract string Description { get; }

    public abstract ValueTask<JobRecord> CreateJobAsync(JobRecord job, IReadOnlyList<ShardInfo> shards, CancellationToken cancellationToken = default);

    public abstract ValueTask<JobRecord?> GetJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>The newest job started from <paramref name="configKey"/>, whatever its state.</summary>
    public abstract ValueTask<JobRecord?> FindLatestJobAsync(string configKey, CancellationToken cancellationToken = default);

    public abstract ValueTask<IReadOnlyList<JobRecord>> ListJobsAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Sets the state, clears or sets the error, and stamps the finish time for final states.</summary>
    public abstract ValueTask SetStateAsync(string jobId, JobState state, string? error, CancellationToken cancellationToken = default);

    /// <summary>Marks the job running for <paramref name="owner"/> and clears a stale cancel request.</summary>
    public abstract ValueTask ClaimAsync(string jobId, string owner, CancellationToken cancellationToken = default);

    /// <summary>Sets or clears (null) the job's <see cref="JobRecord.Notice"/>; <see cref="ClaimAsync"/> clears it too.</summary>
    public abstract ValueTask SetNoticeAsync(string jobId, string? notice, CancellationToken cancellationToken = default);

    public abstract ValueTask SetTotalAsync(string jobId, long total, CancellationToken cancellationToken = default);

    public abstract ValueTask<IReadOnlyList<ShardState>> GetShardsAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="checkpoint"/> in one transaction and refreshes the heartbeat.
    /// Returns whether a cancel was requested for the job.
    /// </summary>
    public abstract ValueTask<bool> CommitAsync(string jobId, Checkpoint checkpoint, CancellationToken cancellationToken = default);

    public abstract ValueTask<IReadOnlyList<LedgerEntry>> GetFailuresAsync(string jobId, int limit, CancellationToken cancellationToken = default);

    public abstract ValueTask RequestCancelAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Keeps the outcome of a <c>verify</c> of the job.</summary>
    public abstract ValueTask SaveVerificationAsync(VerificationRecord verification, CancellationToken cancellationToken = default);

    /// <summary>The newest verification of the job; null when it was never verified.</summary>
    public abstract ValueTask<VerificationRecord?> GetLatestVerificationAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the job's checkpoint data (shard watermarks) and failures ledger once it is finished and cut over;
    /// the job row and its verifications stay, for history.
    /// </summary>
    public abstract ValueTask PurgeJobDataAsync(string jobId, CancellationToken cancellationToken = default);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
