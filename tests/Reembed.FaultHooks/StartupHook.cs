using System.Reflection;

/// <summary>
/// Runs before the CLI's Main when <c>DOTNET_STARTUP_HOOKS</c> names this assembly: with <c>REEMBED_PAUSE_AT</c> set to
/// a fault point's name, it installs Core's fault seam so that the process writes <c>reembed: paused at NAME</c> to
/// standard error on reaching that point and waits there (a minute at most) for the test to kill it. Production never
/// loads this assembly, and the engine itself reads no environment variable for it.
/// </summary>
#pragma warning disable CA1050 // The runtime looks the hook up by this exact name, in no namespace.
internal static class StartupHook
#pragma warning restore CA1050
{
    public const string Variable = "REEMBED_PAUSE_AT";

    public static void Initialize()
    {
        var pauseAt = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(pauseAt))
        {
            return;
        }

        var seam = Assembly.Load("Reembed.Core").GetType("Reembed.FaultPoints", throwOnError: true)!
            .GetProperty("Hook", BindingFlags.Static | BindingFlags.NonPublic)!;
        seam.SetValue(null, new Func<string, CancellationToken, ValueTask>(async (name, cancellationToken) =>
        {
            if (name != pauseAt)
            {
                return;
            }

            await Console.Error.WriteLineAsync($"reembed: paused at {name}");
            await Console.Error.FlushAsync(cancellationToken);
            await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
        }));
    }
}
