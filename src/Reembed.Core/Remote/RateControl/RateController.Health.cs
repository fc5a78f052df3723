namespace Reembed.Remote;

/// <summary>What successes and failures do to the controls, and when a run of failures is an outage.</summary>
internal sealed partial class RateController
{
    private readonly Lock _healthLock = new();
    private DateTimeOffset? _failingSince;
    private bool _paused;

    public bool IsPaused
    {
        get
        {
            lock (_healthLock)
            {
                return _paused;
            }
        }
    }

    private void OnSuccess(int estimate, long? tokens, RateLimitInfo? rateLimit)
    {
        Interlocked.Increment(ref _succeeded);
        if (tokens is { } counted)
        {
            _tokenBudget.Settle(counted - estimate);
        }

        Interlocked.Add(ref _tokensSettled, tokens ?? estimate);
        if (rateLimit is not null)
        {
            ApplyServerLimits(rateLimit);
        }

        _gate.OnSuccess();
        lock (_healthLock)
        {
            _failingSince = null;
            if (_paused)
            {
                _paused = false;
                // Raised under the lock so that a start and an end can never be seen in the wrong order.
                _options.OnOutageChanged?.Invoke(new OutageNotice(false, "the API answers again", _time.GetUtcNow()));
            }
        }
    }

    /// <summary>Records a transient failure; throws a fatal error instead when the failures have lasted past GiveUpAfter.</summary>
    private void OnTransientFailure(ApiException failure)
    {
        var rateLimited = failure.StatusCode == 429 || failure.ErrorClass == ApiErrorClasses.RateLimited;
        var timedOut = failure.ErrorClass == ApiErrorClasses.Timeout;
        if (rateLimited)
        {
            Interlocked.Increment(ref _rateLimited);
        }

        if (timedOut)
        {
            Interlocked.Increment(ref _timeouts);
        }

        if (rateLimited || timedOut)
        {
            _gate.OnOverload();
        }

        // A Retry-After (a 429's, or a 503's) speaks for the server, not for this one request.
        if (failure.RetryAfter is { } wait && wait > TimeSpan.Zero)
        {
            CoolDown(wait);
        }

        if (failure.RateLimit is { } info)
        {
            ApplyServerLimits(info);
        }

        var now = _time.GetUtcNow();
        TimeSpan failingFor;
        lock (_healthLock)
        {
            _failingSince ??= now;
            failingFor = now - _failingSince.Value;
            if (!_paused && failingFor >= _options.OutageAfter)
            {
                _paused = true;
                _options.OnOutageChanged?.Invoke(new OutageNotice(true, failure.Message, _failingSince.Value));
            }
        }

        if (_options.GiveUpAfter is { } giveUp && failingFor >= giveUp)
        {
            throw new ApiException(
                ErrorKind.Fatal,
                failure.ErrorClass ?? ApiErrorClasses.ServerError,
                $"{failure.Message} (gave up after {failingFor.TotalSeconds:0}s of failures without a success)",
                failure)
            {
                StatusCode = failure.StatusCode,
                RetryAfter = failure.RetryAfter,
                RateLimit = failure.RateLimit,
            };
        }
    }
}
