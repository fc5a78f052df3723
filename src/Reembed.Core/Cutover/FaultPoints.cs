namespace Reembed;

/// <summary>
/// Named points inside multi-step operations (swap, rollback) where a test can hold the process so that
/// it can be killed exactly there. Set <c>REEMBED_PAUSE_AT</c> to a point's name: on reaching it the
/// process writes <c>reembed: paused at NAME</c> to standard error and waits (a minute at most, then goes
/// on). Unset, a point costs one string comparison.
/// </summary>
public static class FaultPoints
{
    /// <summary>The environment variable naming the point to pause at.</summary>
    public const string Variable = "REEMBED_PAUSE_AT";

    private static readonly string? PauseAt = Environment.GetEnvironmentVariable(Variable);

    /// <summary>Pauses here when <see cref="Variable"/> names <paramref name="name"/>.</summary>
    public static async ValueTask ReachedAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!string.Equals(PauseAt, name, StringComparison.Ordinal))
        {
            return;
        }

        await Console.Error.WriteLineAsync($"reembed: paused at {name}");
        await Console.Error.FlushAsync(cancellationToken);
        await Task.Delay(TimeSpan.FromMinutes(1), TimeProvider.System, cancellationToken);
    }
}
