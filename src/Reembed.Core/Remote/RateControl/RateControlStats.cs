namespace Reembed.Remote;

/// <summary>
/// Counters of one rate-controlled API, for status and benchmarks. <paramref name="Requests"/> counts
/// attempts sent, retries included; <paramref name="RateLimited"/> counts 429 answers;
/// <paramref name="CurrentConcurrency"/> is the adaptive gate's limit now; <paramref name="TokensSettled"/>
/// sums the tokens the server counted (our estimate where it said nothing).
/// </summary>
public sealed record RateControlStats(
    long Requests,
    long Succeeded,
    long RateLimited,
    long Retries,
    long Timeouts,
    int CurrentConcurrency,
    long TokensSettled,
    bool Paused);
