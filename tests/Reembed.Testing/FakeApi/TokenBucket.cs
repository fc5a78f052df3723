namespace Reembed.Testing.FakeApi;

/// <summary>
/// A hosted API's per-minute limit: holds up to the limit, refills continuously at limit/60 per second.
/// The limit is passed on every call so that a test may change it while the server runs.
/// </summary>
internal sealed class TokenBucket
{
    private double _available = double.NaN;
    private DateTimeOffset _updated;

    /// <summary>Seconds until <paramref name="amount"/> would fit; 0 when it fits now. Infinite when it never can.</summary>
    public double WaitFor(int limit, long amount, DateTimeOffset now)
    {
        Refill(limit, now);
        if (amount > limit)
        {
            return double.PositiveInfinity;
        }

        return amount <= _available ? 0 : (amount - _available) / PerSecond(limit);
    }

    public void Take(long amount) => _available -= amount;

    public long Remaining => double.IsNaN(_available) ? 0 : (long)Math.Floor(Math.Max(0, _available));

    /// <summary>Time until the bucket is full again.</summary>
    public TimeSpan UntilFull(int limit) => TimeSpan.FromSeconds(Math.Max(0, limit - _available) / PerSecond(limit));

    private static double PerSecond(int limit) => limit / 60.0;

    private void Refill(int limit, DateTimeOffset now)
    {
        if (double.IsNaN(_available))
        {
            _available = limit;
        }
        else if (now > _updated)
        {
            _available += (now - _updated).TotalSeconds * PerSecond(limit);
        }

        _available = Math.Min(_available, limit);
        _updated = now;
    }
}
