using System.Diagnostics;
using System.Globalization;

namespace Reembed.Cli;

/// <summary>Names the running process as a job owner (<c>host:pid</c>) and tells whether such an owner still runs.</summary>
internal static class ProcessOwner
{
    public static string Current { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>True when the job is marked running and its owner process is still alive (not a crashed run).</summary>
    public static bool IsRunning(JobRecord job) =>
        job.State == JobState.Running && job.Owner is { } owner && IsAlive(owner);

    /// <summary>
    /// True when the owner is a live process on this host. An owner on another host is taken as
    /// alive: this host cannot tell, and resuming under it would run the job twice.
    /// </summary>
    public static bool IsAlive(string owner)
    {
        var separator = owner.LastIndexOf(':');
        if (separator < 0 || !int.TryParse(owner.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        if (owner[..separator] != Environment.MachineName)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
