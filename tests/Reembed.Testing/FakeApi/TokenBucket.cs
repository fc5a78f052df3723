namespace Reembed.Testing.FakeApi;

/// <summary>
/// A hosted API's per-minute limit: holds up to <c>capacity</c>, refills continuously at limit/60 per second.
/// The limit and capacity are passed on every call so that a test may change them while the server runs.
/// </summary>
internal sealed class TokenBucket
{
    private double _available = double.NaN;
    private DateTimeOffset _updated;

    /// <summary>Seconds until <paramref name="amount"/> would fit; 0 when it fits now. Infinite when it never can.</summary>
    public double WaitFor(int limit, double capacity, long amount, DateTimeOffset now)
    {
        Refill(limit, capacity, now);
        if (amount > capacity)
        {
            return double.PositiveInfinity;
        }

        return amount <= _available ? 0 : (amount - _available) / PerSecond(limit);
    }

    public void Take(long amount) => _available -= amount;

    public long Remaining => double.IsNaN(_available) ? 0 : (long)Math.Floor(Math.Max(0, _available));

    /// <summary>Time until the bucket is full again.</summary>
    public TimeSpan UntilFull(int limit, double capacity) => TimeSpan.FromSeconds(Math.Max(0, capacity - _available) / PerSecond(limit));

    private static double PerSecond(int limit) => limit / 60.0;

    private void Refill(int limit, double capacity, DateTimeOffset now)
    {
        if (double.IsNaN(_available))
        {
            _available = capacity;
        }
        else if (now > _updated)
        {
            _available += (now - _updated).TotalSeconds * PerSecond(limit);
        }

        _available = Math.Min(_available, capacity);
        _updated = now;
    }
}
