using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Reembed.Bench.Rate;

/// <summary>Ctrl-C for a child process, as a user stops a run.</summary>
internal static class Signals
{
    private const int SigInt = 2;

    public static void Interrupt(Process process)
    {
        if (Kill(process.Id, SigInt) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, SIGINT) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
