namespace Reembed.Hosting;

/// <summary>
/// Who runs jobs in this host, and whether an owner recorded on a job still runs it: the CLI is <c>host:pid</c> and asks
/// the operating system; a service names its worker and checks its lease.
/// </summary>
public abstract class JobOwner
{
    /// <summary>This host's owner name, stored on the jobs it runs.</summary>
    public abstract string Id { get; }

    /// <summary>True when <paramref name="owner"/> (read from a job) is still alive; an unknown one is taken as alive, never resumed under.</summary>
    public abstract bool IsAlive(string owner);

    /// <summary>True when the job is marked running and its owner still runs it (not a crashed run).</summary>
    public bool IsRunning(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.State == JobState.Running && job.Owner is { } owner && IsAlive(owner);
    }
}
