using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Reembed.Bench.Rate;

/// <summary>
/// Stops a child run gracefully, as a user or a scheduler does. SIGTERM, not SIGINT: a benchmark
/// started in the background (<c>bench … &amp;</c>) inherits SIGINT as ignored, as shells make
/// background jobs, and so would every child; SIGTERM takes the CLI's same graceful path.
/// </summary>
internal static class Signals
{
    private const int SigTerm = 15;

    public static void Interrupt(Process process)
    {
        if (Kill(process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
