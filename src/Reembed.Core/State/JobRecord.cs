namespace Reembed;

/// <summary>A job as persisted in the state store. Holds no secrets: the spec names environment variables only.</summary>
public sealed class JobRecord
{
    public required string Id { get; init; }

    /// <summary>Identifies the config the job was started from (its absolute path).</summary>
    public required string ConfigKey { get; init; }

    /// <summary>Hash of the parts of the spec that change the result (source, target, embedder, mode).</summary>
    public required string SpecFingerprint { get; init; }

    /// <summary>The resolved job spec as JSON, for <c>status</c> and audit.</summary>
    public required string SpecJson { get; init; }

    public required string Mode { get; init; }

    public required string SpaceId { get; init; }

    public required string SpaceDescription { get; init; }

    public JobState State { get; init; }

    public JobCounters Counters { get; init; } = JobCounters.Zero;

    /// <summary>Records in the source, once known.</summary>
    public long? Total { get; init; }

    /// <summary>Seconds spent running, summed over every run of the job.</summary>
    public double ActiveSeconds { get; init; }

    public string? Error { get; init; }

    /// <summary>The sink's resume token as of the last commit that wrote vectors (e.g. a file length).</summary>
    public string? SinkToken { get; init; }

    /// <summary>
    /// What a running job is waiting for, when it is not making progress on its own account
    /// (e.g. the embedding API is down and the job is paused until it answers); null otherwise.
    /// </summary>
    public string? Notice { get; init; }

    public bool CancelRequested { get; init; }

    public string? Owner { get; init; }

    public DateTimeOffset? HeartbeatAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}
