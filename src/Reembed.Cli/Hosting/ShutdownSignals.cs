using System.Runtime.InteropServices;

namespace Reembed.Cli;

/// <summary>
/// SIGINT and SIGTERM: the first asks for a graceful stop (in-flight batches finish, the
/// checkpoint commits, exit 130); a second one aborts at once, which is still safe.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _received;

    public ShutdownSignals()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationTokenSource Stop { get; } = new();

    public CancellationTokenSource Abort { get; } = new();

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        Stop.Dispose();
        Abort.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;

        // Cancelling runs every registered callback, and the continuations they release may run
        // inline. None of that belongs on the signal dispatch: a dedicated thread does it, and
        // the token is cancelled before anything is printed.
        var second = Interlocked.Increment(ref _received) > 1;
        var thread = new Thread(() =>
        {
            try
            {
                if (second)
                {
                    Abort.Cancel();
                    return;
                }

                Stop.Cancel();
                Console.Error.WriteLine("stopping: committing finished batches (press Ctrl-C again to abort)");
            }
            catch (ObjectDisposedException)
            {
                // The command finished while the signal arrived: nothing is left to stop.
            }
        })
        {
            IsBackground = true,
            Name = "reembed-stop",
        };
        thread.Start();
    }
}
