using Reembed.Testing;

namespace Reembed.Tests;

/// <summary>The in-memory fake used by pipeline tests must behave like the real stores.</summary>
public sealed class InMemoryStateStoreTests : StateStoreConformanceTests
{
    private InMemoryStateStore? _store;

    // Every call in one test must see the same state (the reopen test relies on it).
    protected override Task<StateStore> CreateStoreAsync(TimeProvider timeProvider) =>
        Task.FromResult<StateStore>(new ReopenableStore(_store ??= new InMemoryStateStore(timeProvider)));

    /// <summary>Disposing a handle leaves the shared state in place, as closing a database file does.</summary>
    private sealed class ReopenableStore(InMemoryStateStore inner) : StateStore
    {
        public override string Description => inner.Description;

        public override ValueTask<JobRecord> CreateJobAsync(JobRecord job, IReadOnlyList<ShardInfo> shards, CancellationToken cancellationToken = default) => inner.CreateJobAsync(job, shards, cancellationToken);

        public override ValueTask<JobRecord?> GetJobAsync(string jobId, CancellationToken cancellationToken = default) => inner.GetJobAsync(jobId, cancellationToken);

        public override ValueTask<JobRecord?> FindLatestJobAsync(string configKey, CancellationToken cancellationToken = default) => inner.FindLatestJobAsync(configKey, cancellationToken);

        public override ValueTask<IReadOnlyList<JobRecord>> ListJobsAsync(int limit, CancellationToken cancellationToken = default) => inner.ListJobsAsync(limit, cancellationToken);

        public override ValueTask SetStateAsync(string jobId, JobState state, string? error, CancellationToken cancellationToken = default) => inner.SetStateAsync(jobId, state, error, cancellationToken);

        public override ValueTask ClaimAsync(string jobId, string owner, CancellationToken cancellationToken = default) => inner.ClaimAsync(jobId, owner, cancellationToken);

        public override ValueTask SetNoticeAsync(string jobId, string? notice, CancellationToken cancellationToken = default) => inner.SetNoticeAsync(jobId, notice, cancellationToken);

        public override ValueTask SetTotalAsync(string jobId, long total, CancellationToken cancellationToken = default) => inner.SetTotalAsync(jobId, total, cancellationToken);

        public override ValueTask<IReadOnlyList<ShardState>> GetShardsAsync(string jobId, CancellationToken cancellationToken = default) => inner.GetShardsAsync(jobId, cancellationToken);

        public override ValueTask<bool> CommitAsync(string jobId, Checkpoint checkpoint, CancellationToken cancellationToken = default) => inner.CommitAsync(jobId, checkpoint, cancellationToken);

        public override ValueTask<IReadOnlyList<LedgerEntry>> GetFailuresAsync(string jobId, int limit, CancellationToken cancellationToken = default) => inner.GetFailuresAsync(jobId, limit, cancellationToken);

        public override ValueTask SaveVerificationAsync(VerificationRecord verification, CancellationToken cancellationToken = default) => inner.SaveVerificationAsync(verification, cancellationToken);

        public override ValueTask<VerificationRecord?> GetLatestVerificationAsync(string jobId, CancellationToken cancellationToken = default) => inner.GetLatestVerificationAsync(jobId, cancellationToken);

        public override ValueTask PurgeJobDataAsync(string jobId, CancellationToken cancellationToken = default) => inner.PurgeJobDataAsync(jobId, cancellationToken);

        public override ValueTask RequestCancelAsync(string jobId, CancellationToken cancellationToken = default) => inner.RequestCancelAsync(jobId, cancellationToken);
    }
}
