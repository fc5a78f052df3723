namespace Reembed.Remote;

/// <summary>
/// Budgets, concurrency and retry behaviour of the calls to one remote API. Validated once, when
/// <see cref="RateControl"/> wraps a client.
/// </summary>
public sealed class RateControlOptions
{
    /// <summary>Concurrency the adaptive gate starts at when <see cref="MaxConcurrency"/> is not set.</summary>
    public const int AutoInitialConcurrency = 4;

    /// <summary>Concurrency the adaptive gate may grow to when <see cref="MaxConcurrency"/> is not set.</summary>
    public const int AutoMaxConcurrency = 64;

    /// <summary>Requests a minute we allow ourselves; null leaves it to what the server says.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Tokens a minute we allow ourselves; null leaves it to what the server says.</summary>
    public int? TokensPerMinute { get; set; }

    /// <summary>Requests in flight at once, at most; null is adaptive from 4 up to 64.</summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>The first retry's backoff; it doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Transient failures for this long without a success are an outage: the run pauses and says so.</summary>
    public TimeSpan OutageAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Failures for this long without a success (counted from the first failure, like
    /// <see cref="OutageNotice.Since"/>) end the job with a fatal error; null retries for ever.
    /// </summary>
    public TimeSpan? GiveUpAfter { get; set; }

    /// <summary>Tokens of one input, before the server says how many it counted.</summary>
    public Func<string, int> EstimateTokens { get; set; } = TokenEstimator.Estimate;

    /// <summary>Called once when an outage starts and once when it ends; it must return quickly.</summary>
    public Action<OutageNotice>? OnOutageChanged { get; set; }

    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Source of backoff jitter; pass a seeded one for repeatable runs.</summary>
    public Random Random { get; set; } = Random.Shared;

    internal int InitialConcurrency => MaxConcurrency ?? AutoInitialConcurrency;

    internal int ConcurrencyCeiling => MaxConcurrency ?? AutoMaxConcurrency;

    /// <summary>Checks the options; <paramref name="keyPrefix"/> names the config section they came from.</summary>
    public void Validate(string keyPrefix = "embedder")
    {
        if (RequestsPerMinute is < 1)
        {
            throw ReembedException.Config($"{keyPrefix}.requestsPerMinute", $"must be at least 1, not {RequestsPerMinute}");
        }

        if (TokensPerMinute is < 1)
        {
            throw ReembedException.Config($"{keyPrefix}.tokensPerMinute", $"must be at least 1, not {TokensPerMinute}");
        }

        if (MaxConcurrency is < 1 or > 1024)
        {
            throw ReembedException.Config($"{keyPrefix}.maxConcurrency", $"must be between 1 and 1024 (or auto), not {MaxConcurrency}");
        }

        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            throw ReembedException.Config(
                $"{keyPrefix}.backoff", $"needs 0 < initial backoff ({InitialBackoff}) <= max backoff ({MaxBackoff})");
        }

        if (OutageAfter <= TimeSpan.Zero)
        {
            throw ReembedException.Config($"{keyPrefix}.outageAfter", $"must be positive, not {OutageAfter}");
        }

        if (GiveUpAfter is { } giveUp && giveUp <= TimeSpan.Zero)
        {
            throw ReembedException.Config($"{keyPrefix}.giveUpAfter", $"must be positive, not {giveUp}");
        }

        ArgumentNullException.ThrowIfNull(EstimateTokens);
        ArgumentNullException.ThrowIfNull(Time);
        ArgumentNullException.ThrowIfNull(Random);
    }
}
