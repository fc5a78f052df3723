using System.Runtime.CompilerServices;

namespace Reembed;

internal sealed partial class JobRunner
{
    private async Task<(JobRecord Job, bool Resumed)> ResolveJobAsync(JobRequest request, CancellationToken cancellationToken)
    {
        var latest = await _state.FindLatestJobAsync(request.ConfigKey, cancellationToken);
        if (latest is not null && latest.State == JobState.Running && latest.Owner is { } owner
            && owner != request.Owner && request.IsOwnerAlive(owner))
        {
            throw new ReembedException(ErrorKind.Config,
                $"job {latest.Id} of this config is running now ({owner}); use 'status' to follow it or 'cancel' to stop it");
        }

        if (request.RetryFailed)
        {
            if (latest is null)
            {
                throw new ReembedException(ErrorKind.Config, "this config has no job yet: there are no failures to retry; use 'run' first");
            }

            if (latest.State != JobState.Completed)
            {
                throw new ReembedException(ErrorKind.Config,
                    $"job {latest.Id} is {latest.State.ToString().ToLowerInvariant()}, not completed: finish it with 'run' before retrying its failures");
            }

            CheckSameSpace(latest);
            return (latest, true);
        }

        if (latest is not null && latest.State != JobState.Completed && !request.Restart)
        {
            // A job that committed nothing loses nothing by being replaced (e.g. its target was refused).
            if (latest.SpecFingerprint != request.SpecFingerprint && latest.Counters.Processed > 0)
            {
                throw new ReembedException(ErrorKind.Config,
                    $"the unfinished job {latest.Id} of this config was started with other settings (source, target, embedder or mode changed); " +
                    "put them back to resume it, or use --restart to start a new job (a job left by a Reembed before 2026-12 is refused too: its fingerprint has another form)");
            }

            if (latest.SpecFingerprint == request.SpecFingerprint)
            {
                return (latest, true);
            }
        }

        if (latest is not null && latest.State != JobState.Completed)
        {
            await _state.SetStateAsync(latest.Id, JobState.Cancelled, "superseded by a new job", cancellationToken);
        }

        var now = _time.GetUtcNow();
        var job = new JobRecord
        {
            Id = $"{now:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}",
            ConfigKey = request.ConfigKey,
            SpecFingerprint = request.SpecFingerprint,
            SpecJson = request.SpecJson,
            Mode = _options.Mode.ToString().ToLowerInvariant(),
            SpaceId = _space.Id,
            SpaceDescription = _space.Description,
            State = JobState.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var shards = await _source.GetShardsAsync(cancellationToken);
        return (await _state.CreateJobAsync(job, shards, cancellationToken), false);
    }

    private void CheckSameSpace(JobRecord job)
    {
        if (job.SpaceId != _space.Id)
        {
            throw ReembedException.Config("embedder",
                $"job {job.Id} embedded into space {job.SpaceId} ({job.SpaceDescription}); the embedder now makes space {_space.Id} ({_space.Description})");
        }
    }

    private async Task<(JobCounters, bool)> RetryFailuresAsync(PassContext context, CancellationToken cancellationToken)
    {
        var ledger = await _state.GetFailuresAsync(context.JobId, 0, cancellationToken);
        if (ledger.Count == 0)
        {
            return (JobCounters.Zero, false);
        }

        var shards = await _state.GetShardsAsync(context.JobId, cancellationToken);
        var pass = new PipelinePass(context, shards[0].ShardId, retry: true);
        var keys = ledger.Select(static entry => entry.Key).ToHashSet(StringComparer.Ordinal);
        await pass.RunAsync(ReadLedgerAsync(keys, ledger, cancellationToken), cancellationToken);
        return (pass.Committed, !pass.Finished);
    }

    /// <summary>The ledger's records as the source has them now; a key the source no longer has fails as <c>not-found</c>.</summary>
    private async IAsyncEnumerable<SourceRecord> ReadLedgerAsync(
        HashSet<string> keys, IReadOnlyList<LedgerEntry> ledger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var record in _source.ReadKeysAsync(keys, cancellationToken))
        {
            seen.Add(record.Key);
            yield return record;
        }

        foreach (var entry in ledger.Where(entry => !seen.Contains(entry.Key)))
        {
            yield return new SourceRecord
            {
                Key = entry.Key,
                Cursor = string.Empty,
                Locator = entry.Locator,
                Failure = new ItemFailure(ItemFailure.Stages.Read, "not-found", "the record is no longer in the source"),
            };
        }
    }
}
