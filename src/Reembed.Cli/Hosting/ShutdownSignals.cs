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
        if (Stop.IsCancellationRequested)
        {
            Abort.Cancel();
        }
        else
        {
            Console.Error.WriteLine("stopping: finishing in-flight batches (press Ctrl-C again to abort)");
            Stop.Cancel();
        }
    }
}
