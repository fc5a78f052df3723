using System.Threading.RateLimiting;

namespace Reembed.Remote;

/// <summary>
/// A per-minute budget that refills continuously from a <see cref="TimeProvider"/> and may go into
/// debt: a request takes its estimate up front and settles the difference when the server says what
/// it counted. <see cref="TokenBucketRateLimiter"/> refills in whole periods, caps requests at its
/// capacity and cannot owe, so this is a <see cref="RateLimiter"/> of its own. Waiters are served in
/// arrival order, so a large request is not starved by small ones.
/// </summary>
internal sealed class TokenBucket : RateLimiter
{
    // A waiter re-checks at least this often, so a refund or a raised level is noticed.
    private static readonly TimeSpan MaxSingleWait = TimeSpan.FromSeconds(1);
    // Refill arithmetic in doubles may land a hair short of a whole token.
    private const double Tolerance = 1e-9;

    private static readonly RateLimitLease Granted = new Lease(acquired: true);
    private static readonly RateLimitLease Refused = new Lease(acquired: false);

    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _queue = new(1, 1);
    private readonly Lock _lock = new();
    private double _perMinute;
    private double _level;
    private long _refilledAt;
    private long _blockedUntil;
    private long _granted;
    private int _waiting;

    /// <summary>A bucket of <paramref name="perMinute"/>, full; null is unlimited until the server names a limit.</summary>
    public TokenBucket(int? perMinute, TimeProvider time)
    {
        _time = time;
        _perMinute = perMinute ?? double.PositiveInfinity;
        _level = _perMinute;
        _refilledAt = time.GetTimestamp();
    }

    public bool IsUnlimited => double.IsPositiveInfinity(_perMinute);

    /// <summary>Tokens available now; negative while a settled request left a debt.</summary>
    public double Level
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _level;
            }
        }
    }

    public override TimeSpan? IdleDuration => null;

    /// <summary>Charges (positive) or refunds (negative) the difference between a request's estimate and its actual count.</summary>
    public void Settle(long difference)
    {
        lock (_lock)
        {
            Refill();
            _level = Math.Min(_perMinute, _level - difference);
        }
    }

    /// <summary>
    /// Applies what the server said: a lower limit than ours replaces it; fewer remaining than we hold
    /// (less <paramref name="stillInFlight"/>, which the server may not have counted yet) lowers the level;
    /// nothing remaining blocks the bucket until <paramref name="reset"/>.
    /// </summary>
    public void Observe(long? limit, long? remaining, TimeSpan? reset, long stillInFlight)
    {
        lock (_lock)
        {
            Refill();
            if (limit is > 0 && limit < _perMinute)
            {
                _perMinute = limit.Value;
                _level = Math.Min(_level, _perMinute);
            }

            if (remaining is { } left && !IsUnlimited)
            {
                _level = Math.Min(_level, left - stillInFlight);
                if (left <= 0 && reset is { } wait && wait > TimeSpan.Zero)
                {
                    _blockedUntil = Math.Max(_blockedUntil, _time.GetTimestamp() + ToTimestampTicks(wait));
                }
            }
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        lock (_lock)
        {
            Refill();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = IsUnlimited ? long.MaxValue : (long)Math.Floor(_level),
                CurrentQueuedCount = Volatile.Read(ref _waiting),
                TotalSuccessfulLeases = Volatile.Read(ref _granted),
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (IsUnlimited || permitCount == 0)
        {
            return Granted;
        }

        if (!_queue.Wait(0))
        {
            return Refused;
        }

        try
        {
            return TryTake(permitCount) == TimeSpan.Zero ? Granted : Refused;
        }
        finally
        {
            _queue.Release();
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (IsUnlimited)
        {
            return Granted;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            await _queue.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        try
        {
            while (true)
            {
                var wait = TryTake(permitCount);
                if (wait == TimeSpan.Zero)
                {
                    return Granted;
                }

                await Task.Delay(wait < MaxSingleWait ? wait : MaxSingleWait, _time, cancellationToken);
            }
        }
        finally
        {
            _queue.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _queue.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Takes the tokens and returns zero, or returns how long until they are there.</summary>
    private TimeSpan TryTake(int count)
    {
        lock (_lock)
        {
            if (IsUnlimited)
            {
                return TimeSpan.Zero;
            }

            Refill();
            var now = _time.GetTimestamp();
            if (now < _blockedUntil)
            {
                return _time.GetElapsedTime(now, _blockedUntil);
            }

            // A request larger than the whole bucket goes once the bucket is full, and leaves a debt.
            var needed = Math.Min(count, _perMinute);
            if (_level >= needed - Tolerance)
            {
                _level -= count;
                _granted++;
                return TimeSpan.Zero;
            }

            var seconds = (needed - _level) * 60 / _perMinute;
            return TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond)));
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        if (!IsUnlimited && _level < _perMinute)
        {
            var seconds = _time.GetElapsedTime(_refilledAt, now).TotalSeconds;
            _level = Math.Min(_perMinute, _level + (seconds * _perMinute / 60));
        }

        _refilledAt = now;
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
