namespace Reembed.Hosting;

/// <summary>How <see cref="ReembedEngine.RunAsync"/> treats the config's existing job.</summary>
public sealed record RunOptions
{
    /// <summary>Start a fresh job even when an unfinished one exists.</summary>
    public bool Restart { get; init; }

    /// <summary>Re-process exactly the failures ledger of the latest job instead of running.</summary>
    public bool RetryFailed { get; init; }
}
