using Reembed.Providers;

namespace Reembed.Hosting;

/// <summary>
/// The job API every host calls: plan, run, retry-failed, status, jobs, cancel, verify, swap, rollback, cleanup. Each
/// takes a typed <see cref="JobSpec"/> and a <see cref="JobHost"/> and returns a typed result; stores are built by their
/// providers, so nothing here knows a store kind.
/// </summary>
public sealed partial class ReembedEngine
{
    private readonly StoreRegistry _stores;
    private readonly TimeProvider _time;

    public ReembedEngine(StoreRegistry stores, TimeProvider time)
    {
        _stores = stores ?? throw new ArgumentNullException(nameof(stores));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public StoreRegistry Stores => _stores;

    private StoreContext Context(JobHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new StoreContext { Time = _time, Logger = host.Logger, Secrets = host.Secrets };
    }

    /// <summary>The job <paramref name="jobId"/>, or the latest job of the spec's config when null.</summary>
    private static async Task<JobRecord> FindJobAsync(StateStore state, JobSpec spec, string? jobId, CancellationToken cancellationToken)
    {
        var job = jobId is null
            ? await state.FindLatestJobAsync(spec.ConfigPath, cancellationToken)
            : await state.GetJobAsync(jobId, cancellationToken);
        return job ?? throw new ReembedException(ErrorKind.Config, jobId is null
            ? $"no job has been run from {spec.ConfigPath} yet (state: {spec.State.Description})"
            : $"--job: no job with id '{jobId}' in {spec.State.Description}");
    }

    internal static string StateName(JobState state) => state.ToString().ToLowerInvariant();
}
