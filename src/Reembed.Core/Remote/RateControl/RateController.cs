using Polly;
using Polly.Retry;

namespace Reembed.Remote;

/// <summary>
/// Everything between the callers of one remote API and the API itself: retries with backoff
/// (outermost, so a request waiting to retry holds no slot), the shared cool-down a 429 asks for,
/// the adaptive concurrency gate, and the request and token budgets, in that order.
/// </summary>
internal sealed partial class RateController
{
    // Doubling past this only overflows; the cap is reached long before.
    private const int MaxDoublings = 30;

    // Backoffs are spread over the top fifth of their value: retries of one round do not return in
    // step, and each backoff still exceeds the one before it.
    private const double JitterFraction = 0.2;

    private readonly RateControlOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;
    private readonly AdaptiveConcurrencyGate _gate;
    private readonly TokenBucket _requestBudget;
    private readonly TokenBucket _tokenBudget;
    private readonly Lock _jitterLock = new();
    private long _coolDownUntilTicks;
    private long _inFlightRequests;
    private long _inFlightTokens;
    private long _requests;
    private long _succeeded;
    private long _rateLimited;
    private long _retries;
    private long _timeouts;
    private long _tokensSettled;

    public RateController(RateControlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = options.Time;
        _gate = new AdaptiveConcurrencyGate(options.InitialConcurrency, options.ConcurrencyCeiling, _time);
        _requestBudget = new TokenBucket(options.RequestsPerMinute, _time);
        _tokenBudget = new TokenBucket(options.TokensPerMinute, _time);
        _retry = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is ApiException { IsTransient: true }),
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Backoff(args.AttemptNumber, args.Outcome.Exception as ApiException)),
                OnRetry = _ =>
                {
                    Interlocked.Increment(ref _retries);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public RateControlStats Stats => new(
        Interlocked.Read(ref _requests),
        Interlocked.Read(ref _succeeded),
        Interlocked.Read(ref _rateLimited),
        Interlocked.Read(ref _retries),
        Interlocked.Read(ref _timeouts),
        _gate.Limit,
        Interlocked.Read(ref _tokensSettled),
        IsPaused);

    /// <summary>
    /// Sends a request through every control, retrying transient failures. <paramref name="observe"/>
    /// reads the tokens the server counted and its rate-limit headers off a response.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(
        int estimatedTokens,
        Func<CancellationToken, Task<T>> send,
        Func<T, (long? Tokens, RateLimitInfo? RateLimit)> observe,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(estimatedTokens);
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(observe);
        return await _retry.ExecuteAsync(
            async token => await AttemptAsync(estimatedTokens, send, observe, token),
            cancellationToken);
    }

    private async Task<T> AttemptAsync<T>(
        int estimate,
        Func<CancellationToken, Task<T>> send,
        Func<T, (long? Tokens, RateLimitInfo? RateLimit)> observe,
        CancellationToken cancellationToken)
    {
        await WaitForCoolDownAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Leases of a budget are spent, not returned: disposing them gives nothing back.
            using var requestLease = await _requestBudget.AcquireAsync(1, cancellationToken);
            using var tokenLease = await _tokenBudget.AcquireAsync(estimate, cancellationToken);
            Interlocked.Increment(ref _requests);
            Interlocked.Increment(ref _inFlightRequests);
            Interlocked.Add(ref _inFlightTokens, estimate);
            T result;
            try
            {
                result = await send(cancellationToken);
            }
            catch (ApiException ex) when (ex.IsTransient)
            {
                EndInFlight(estimate);
                OnTransientFailure(ex);
                throw;
            }
            catch
            {
                EndInFlight(estimate);
                throw;
            }

            EndInFlight(estimate);
            var (tokens, rateLimit) = observe(result);
            OnSuccess(estimate, tokens, rateLimit);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WaitForCoolDownAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var until = Interlocked.Read(ref _coolDownUntilTicks);
            var now = _time.GetUtcNow().UtcTicks;
            if (now >= until)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromTicks(until - now), _time, cancellationToken);
        }
    }

    private void CoolDown(TimeSpan wait)
    {
        var until = (_time.GetUtcNow() + wait).UtcTicks;
        var seen = Interlocked.Read(ref _coolDownUntilTicks);
        while (until > seen)
        {
            var previous = Interlocked.CompareExchange(ref _coolDownUntilTicks, until, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private TimeSpan Backoff(int attempt, ApiException? failure)
    {
        var max = _options.MaxBackoff;
        var full = IsPaused
            ? max
            : TimeSpan.FromTicks((long)Math.Min(max.Ticks, _options.InitialBackoff.Ticks * Math.Pow(2, Math.Min(attempt, MaxDoublings))));
        double roll;
        lock (_jitterLock)
        {
            roll = _options.Random.NextDouble();
        }

        var delay = full * (1 - (JitterFraction * roll));
        return failure?.RetryAfter is { } asked && asked > delay ? asked : delay;
    }

    private void EndInFlight(int estimate)
    {
        Interlocked.Decrement(ref _inFlightRequests);
        Interlocked.Add(ref _inFlightTokens, -estimate);
    }

    private void ApplyServerLimits(RateLimitInfo info)
    {
        _requestBudget.Observe(info.LimitRequests, info.RemainingRequests, info.ResetRequests, Interlocked.Read(ref _inFlightRequests));
        _tokenBudget.Observe(info.LimitTokens, info.RemainingTokens, info.ResetTokens, Interlocked.Read(ref _inFlightTokens));
    }
}
