using System.Diagnostics;
using System.Globalization;
using Reembed.Hosting;

namespace Reembed.Cli;

/// <summary>The running process as a job owner (<c>host:pid</c>); an owner is alive while its process runs.</summary>
internal sealed class ProcessOwner : JobOwner
{
    public static ProcessOwner Instance { get; } = new();

    public override string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// True when the owner is a live process on this host. An owner on another host is taken as
    /// alive: this host cannot tell, and resuming under it would run the job twice.
    /// </summary>
    public override bool IsAlive(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
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
