namespace Reembed.Remote;

/// <summary>What the server's answers do to a budget.</summary>
internal sealed partial class TokenBucket
{
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
}
