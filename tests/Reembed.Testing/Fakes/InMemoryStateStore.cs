namespace Reembed.Testing;

/// <summary>A state store in memory, faithful to the semantics of the SQLite one, for pipeline tests.</summary>
public sealed class InMemoryStateStore : StateStore
{
    private readonly Lock _lock = new();
    private readonly List<JobRecord> _jobs = [];
    private readonly Dictionary<string, List<ShardState>> _shards = [];
    private readonly Dictionary<string, List<LedgerEntry>> _ledger = [];
    private readonly List<VerificationRecord> _verifications = [];
    private readonly TimeProvider _time;

    public InMemoryStateStore(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>Called before each commit is applied; throw from it to simulate a crash at that point.</summary>
    public Action<Checkpoint>? OnCommit { get; set; }

    public List<Checkpoint> Commits { get; } = [];

    public override string Description => "memory";

    public override ValueTask<JobRecord> CreateJobAsync(JobRecord job, IReadOnlyList<ShardInfo> shards, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var stored = Copy(job, counters: JobCounters.Zero, createdAt: _time.GetUtcNow());
            _jobs.Add(stored);
            _shards[job.Id] = shards.Select(static s => new ShardState(s.Id, s.Descriptor, null, null, false)).ToList();
            _ledger[job.Id] = [];
            return ValueTask.FromResult(stored);
        }
    }

    public override ValueTask<JobRecord?> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_jobs.FirstOrDefault(j => j.Id == jobId));
        }
    }

    public override ValueTask<JobRecord?> FindLatestJobAsync(string configKey, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_jobs.LastOrDefault(j => j.ConfigKey == configKey));
        }
    }

    public override ValueTask<IReadOnlyList<JobRecord>> ListJobsAsync(int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<JobRecord>>(Enumerable.Reverse(_jobs).Take(limit).ToList());
        }
    }

    public override ValueTask SetStateAsync(string jobId, JobState state, string? error, CancellationToken cancellationToken = default)
    {
        Update(jobId, job => Copy(job, state: state, error: error, clearError: error is null,
            finished: state is JobState.Completed or JobState.Failed or JobState.Cancelled));
        return ValueTask.CompletedTask;
    }

    public override ValueTask ClaimAsync(string jobId, string owner, CancellationToken cancellationToken = default)
    {
        Update(jobId, job => Copy(job, state: JobState.Running, owner: owner, clearError: true, cancel: false, finished: false, beat: true, clearNotice: true));
        return ValueTask.CompletedTask;
    }

    public override ValueTask SetNoticeAsync(string jobId, string? notice, CancellationToken cancellationToken = default)
    {
        Update(jobId, job => Copy(job, notice: notice, clearNotice: notice is null));
        return ValueTask.CompletedTask;
    }

    public override ValueTask SetTotalAsync(string jobId, long total, CancellationToken cancellationToken = default)
    {
        Update(jobId, job => Copy(job, total: total));
        return ValueTask.CompletedTask;
    }

    public override ValueTask<IReadOnlyList<ShardState>> GetShardsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult<IReadOnlyList<ShardState>>(_shards.TryGetValue(jobId, out var shards) ? shards.ToList() : []);
        }
    }

    public override ValueTask<bool> CommitAsync(string jobId, Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        OnCommit?.Invoke(checkpoint);
        lock (_lock)
        {
            if (!_shards.ContainsKey(jobId))
            {
                throw ReembedException.Config("job", $"no job with id '{jobId}'");
            }

            Commits.Add(checkpoint);
            var shards = _shards[jobId];
            var index = shards.FindIndex(s => s.ShardId == checkpoint.ShardId);
            var shard = shards[index];
            shards[index] = shard with
            {
                Cursor = checkpoint.Cursor ?? shard.Cursor,
                SinkToken = checkpoint.SinkToken ?? shard.SinkToken,
                Done = shard.Done || checkpoint.ShardDone,
            };
            var ledger = _ledger[jobId];
            foreach (var entry in checkpoint.Failures)
            {
                var existing = ledger.FindIndex(e => e.Key == entry.Key);
                var attempts = existing >= 0 ? ledger[existing].Attempts + 1 : 1;
                var item = new LedgerEntry(entry.Key, entry.Locator, entry.Failure.Stage, entry.Failure.ErrorClass, entry.Failure.Message, attempts);
                if (existing >= 0)
                {
                    ledger[existing] = item;
                }
                else
                {
                    ledger.Add(item);
                }
            }

            ledger.RemoveAll(e => checkpoint.Resolved.Contains(e.Key));
            var job = _jobs.First(j => j.Id == jobId);
            Replace(Copy(job, counters: job.Counters.Add(checkpoint.Delta), sinkToken: checkpoint.SinkToken ?? job.SinkToken,
                activeSeconds: job.ActiveSeconds + checkpoint.ActiveSecondsDelta, beat: true));
            return ValueTask.FromResult(job.CancelRequested);
        }
    }

    public override ValueTask<IReadOnlyList<LedgerEntry>> GetFailuresAsync(string jobId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var ledger = _ledger[jobId];
            return ValueTask.FromResult<IReadOnlyList<LedgerEntry>>(ledger.Take(limit <= 0 ? ledger.Count : limit).ToList());
        }
    }

    public override ValueTask RequestCancelAsync(string jobId, CancellationToken cancellationToken = default)
    {
        Update(jobId, job => Copy(job, cancel: true));
        return ValueTask.CompletedTask;
    }

    public override ValueTask SaveVerificationAsync(VerificationRecord verification, CancellationToken cancellationToken = default)
    {
        Update(verification.JobId, job => job);
        lock (_lock)
        {
            _verifications.Add(verification);
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask<VerificationRecord?> GetLatestVerificationAsync(string jobId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_verifications.LastOrDefault(v => v.JobId == jobId));
        }
    }

    public override ValueTask PurgeJobDataAsync(string jobId, CancellationToken cancellationToken = default)
    {
        Update(jobId, job => Copy(job));
        lock (_lock)
        {
            _shards[jobId] = [];
            _ledger[jobId] = [];
        }

        return ValueTask.CompletedTask;
    }

    private void Update(string jobId, Func<JobRecord, JobRecord> change)
    {
        lock (_lock)
        {
            var job = _jobs.FirstOrDefault(j => j.Id == jobId)
                ?? throw ReembedException.Config("job", $"no job with id '{jobId}'");
            Replace(change(job));
        }
    }

    private void Replace(JobRecord job) => _jobs[_jobs.FindIndex(j => j.Id == job.Id)] = job;

    private JobRecord Copy(
        JobRecord job, JobState? state = null, JobCounters? counters = null, long? total = null, string? error = null,
        bool clearError = false, bool? cancel = null, string? owner = null, bool? finished = null, string? sinkToken = null,
        double? activeSeconds = null, DateTimeOffset? createdAt = null, bool beat = false, string? notice = null, bool clearNotice = false) => new()
        {
            Id = job.Id,
            ConfigKey = job.ConfigKey,
            SpecFingerprint = job.SpecFingerprint,
            SpecJson = job.SpecJson,
            Mode = job.Mode,
            SpaceId = job.SpaceId,
            SpaceDescription = job.SpaceDescription,
            State = state ?? job.State,
            Counters = counters ?? job.Counters,
            Total = total ?? job.Total,
            ActiveSeconds = activeSeconds ?? job.ActiveSeconds,
            Error = clearError ? null : error ?? job.Error,
            SinkToken = sinkToken ?? job.SinkToken,
            Notice = clearNotice || finished == true ? null : notice ?? job.Notice,
            CancelRequested = cancel ?? job.CancelRequested,
            Owner = owner ?? (finished == true ? null : job.Owner),
            HeartbeatAt = beat ? _time.GetUtcNow() : job.HeartbeatAt,
            CreatedAt = createdAt ?? job.CreatedAt,
            UpdatedAt = _time.GetUtcNow(),
            FinishedAt = finished switch { true => _time.GetUtcNow(), false => null, null => job.FinishedAt },
        };
}
