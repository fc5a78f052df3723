namespace Reembed.Remote;

/// <summary>
/// A concurrency limit that adapts like TCP (AIMD): each success adds 1/limit (about one per round
/// trip), an overload (429, timeout) halves it, at most once per <see cref="DecreaseInterval"/> so one
/// burst of failures from the same round counts once. Waiters are served in arrival order.
/// </summary>
internal sealed class AdaptiveConcurrencyGate
{
    internal static readonly TimeSpan DecreaseInterval = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly int _ceiling;
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private double _limit;
    private int _inFlight;
    private long? _lastDecrease;

    public AdaptiveConcurrencyGate(int initial, int ceiling, TimeProvider time)
    {
        _time = time;
        _ceiling = ceiling;
        _limit = Math.Min(initial, ceiling);
    }

    public int Limit
    {
        get
        {
            lock (_lock)
            {
                return WholeLimit;
            }
        }
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    private int WholeLimit => Math.Max(1, (int)Math.Floor(_limit));

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        LinkedListNode<TaskCompletionSource> node;
        lock (_lock)
        {
            if (_waiters.Count == 0 && _inFlight < WholeLimit)
            {
                _inFlight++;
                return;
            }

            node = _waiters.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        using var registration = cancellationToken.Register(() =>
        {
            bool removed;
            lock (_lock)
            {
                removed = node.List is not null;
                if (removed)
                {
                    _waiters.Remove(node);
                }
            }

            if (removed)
            {
                node.Value.TrySetCanceled(cancellationToken);
            }
        });
        await node.Value.Task;
    }

    public void Release()
    {
        lock (_lock)
        {
            _inFlight--;
            Admit();
        }
    }

    public void OnSuccess()
    {
        lock (_lock)
        {
            _limit = Math.Min(_ceiling, _limit + (1 / _limit));
            Admit();
        }
    }

    public void OnOverload()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            if (_lastDecrease is { } last && _time.GetElapsedTime(last, now) < DecreaseInterval)
            {
                return;
            }

            _lastDecrease = now;
            _limit = Math.Max(1, _limit / 2);
        }
    }

    private void Admit()
    {
        while (_waiters.First is { } first && _inFlight < WholeLimit)
        {
            _waiters.RemoveFirst();
            _inFlight++;
            first.Value.TrySetResult();
        }
    }
}
