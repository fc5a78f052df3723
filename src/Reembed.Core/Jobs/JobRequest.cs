namespace Reembed;

/// <summary>What the caller asks of a <see cref="JobRunner"/>.</summary>
internal sealed class JobRequest
{
    /// <summary>Identifies the config: the unfinished job of the same key is resumed.</summary>
    public required string ConfigKey { get; init; }

    /// <summary>Hash of the settings that change the result; a resume with other settings is refused.</summary>
    public required string SpecFingerprint { get; init; }

    /// <summary>The resolved spec, secrets excluded, stored with the job.</summary>
    public required string SpecJson { get; init; }

    /// <summary>Start a new job even when an unfinished one exists.</summary>
    public bool Restart { get; init; }

    /// <summary>Re-process the failures ledger of the latest job instead of running.</summary>
    public bool RetryFailed { get; init; }

    /// <summary>Who runs the job, e.g. <c>host:pid</c>; stored as the job's owner.</summary>
    public required string Owner { get; init; }

    /// <summary>Tells whether an owner recorded on a running job is still alive.</summary>
    public Func<string, bool> IsOwnerAlive { get; init; } = static _ => false;
}
