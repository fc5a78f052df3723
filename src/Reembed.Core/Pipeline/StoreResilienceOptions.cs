namespace Reembed;

/// <summary>
/// How long a transient fault of the source or the target (a dropped connection, a server restarting, a
/// busy database) is retried before it stops the job, which stays resumable. The waits grow exponentially
/// from <see cref="BaseDelay"/> up to <see cref="MaxDelay"/>. The defaults wait about a minute in all
/// (42 to 76 s with jitter). Validated once, with <see cref="PipelineOptions"/>.
/// </summary>
public sealed class StoreResilienceOptions
{
    /// <summary>Most attempts allowed beyond the first; 0 turns retrying off.</summary>
    public int MaxRetryAttempts { get; set; } = 7;

    /// <summary>The wait before the first retry (the median wait when <see cref="UseJitter"/> is on); it doubles per attempt.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before a single retry.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Spreads the waits at random (Polly's decorrelated jitter), so that callers who met one fault
    /// together do not all retry at the same moment.
    /// </summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>Source of jitter; pass a seeded one for repeatable runs.</summary>
    public Random Random { get; set; } = Random.Shared;

    public void Validate()
    {
        if (MaxRetryAttempts is < 0 or > 1000)
        {
            throw ReembedException.Config("storeResilience.maxRetryAttempts", $"must be between 0 and 1000, not {MaxRetryAttempts}");
        }

        if (MaxDelay <= TimeSpan.Zero || MaxDelay > TimeSpan.FromDays(1))
        {
            throw ReembedException.Config("storeResilience.maxDelaySeconds", $"must be positive and at most 1 day, not {MaxDelay}");
        }

        if (BaseDelay <= TimeSpan.Zero || BaseDelay > MaxDelay)
        {
            throw ReembedException.Config(
                "storeResilience.baseDelaySeconds", $"must be positive and at most maxDelaySeconds ({MaxDelay}), not {BaseDelay}");
        }

        ArgumentNullException.ThrowIfNull(Random);
    }
}
