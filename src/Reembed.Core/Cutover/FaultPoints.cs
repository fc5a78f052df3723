namespace Reembed;

/// <summary>
/// Named points inside multi-step operations (swap, rollback) where a test can hold the process so that it can be
/// killed exactly there. The one fault-injection seam: nothing in production sets <see cref="Hook"/> or reads the
/// environment for it; tests install it in a child process through a .NET startup hook (tests/Reembed.FaultHooks).
/// Unset, a point costs one null check.
/// </summary>
internal static class FaultPoints
{
    /// <summary>Called with a point's name on reaching it; null (always, outside tests) for nothing.</summary>
    internal static Func<string, CancellationToken, ValueTask>? Hook { get; set; }

    public static ValueTask ReachedAsync(string name, CancellationToken cancellationToken = default) =>
        Hook is { } hook ? hook(name, cancellationToken) : ValueTask.CompletedTask;
}
