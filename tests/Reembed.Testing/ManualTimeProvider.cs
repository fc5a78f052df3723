namespace Reembed.Testing;

/// <summary>
/// A clock that moves only when the test says so. Its timers fire, in due order, when
/// <see cref="Advance"/> passes their due time, so <c>Task.Delay(x, clock)</c> and Polly's delays
/// complete on the test's schedule.
/// </summary>
public sealed partial class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _utcNow;
    private long _sequence;
    private long _version;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public ManualTimeProvider(DateTimeOffset utcNow)
    {
        _utcNow = utcNow;
    }

    /// <summary>The time now; setting it forward fires the timers it passes.</summary>
    public DateTimeOffset UtcNow
    {
        get => GetUtcNow();
        set
        {
            if (value > GetUtcNow())
            {
                AdvanceTo(value);
            }
            else
            {
                lock (_lock)
                {
                    _utcNow = value;
                }
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers waiting to fire.</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(static t => t.Due is not null);
            }
        }
    }

    /// <summary>When the next timer fires, or null when none waits.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_lock)
            {
                return _timers.Where(static t => t.Due is not null).Min(static t => t.Due);
            }
        }
    }

    /// <summary>Changes whenever a timer is created, changed, disposed or fired.</summary>
    public long Version => Interlocked.Read(ref _version);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _utcNow;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        AdvanceTo(GetUtcNow() + by);
    }

    private void AdvanceTo(DateTimeOffset target)
    {
        while (true)
        {
            ManualTimer? next;
            lock (_lock)
            {
                next = _timers
                    .Where(t => t.Due is { } due && due <= target)
                    .OrderBy(static t => t.Due)
                    .ThenBy(static t => t.Sequence)
                    .FirstOrDefault();
                if (next is null)
                {
                    _utcNow = target;
                    return;
                }

                if (next.Due > _utcNow)
                {
                    _utcNow = next.Due.Value;
                }

                next.Due = next.Period > TimeSpan.Zero ? _utcNow + next.Period : null;
                Interlocked.Increment(ref _version);
            }

            // Outside the lock: the callback may create or change timers.
            next.Callback(next.State);
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            timer.Sequence = ++_sequence;
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            timer.Due = dueTime == Timeout.InfiniteTimeSpan || timer.Disposed ? null : _utcNow + dueTime;
            Interlocked.Increment(ref _version);
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_lock)
        {
            timer.Disposed = true;
            timer.Due = null;
            _timers.Remove(timer);
            Interlocked.Increment(ref _version);
        }
    }
}
