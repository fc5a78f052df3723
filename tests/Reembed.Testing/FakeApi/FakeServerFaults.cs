namespace Reembed.Testing.FakeApi;

/// <summary>
/// Misbehaviour to inject, changeable while the server runs. Applied after authentication and the rate
/// check, in this order: <see cref="Outage"/>, <see cref="ForceStatus"/>, <see cref="PoisonMarker"/>,
/// the <see cref="FailNext"/> queue, then the rates (each rolled with the server's seeded random).
/// </summary>
public sealed class FakeServerFaults
{
    private readonly Lock _lock = new();
    private readonly Queue<FakeFault> _queue = new();
    private readonly SeededRandom _random;
    private double _serverErrorRate;
    private double _hangRate;
    private double _resetRate;
    private double _malformedRate;
    private double _truncatedRate;
    private double _wrongCountRate;
    private double _wrongDimensionRate;
    private double _nanRate;
    private bool _outage;
    private string? _poisonMarker = "POISON";
    private int? _forceStatus;

    internal FakeServerFaults(SeededRandom random) => _random = random;

    public double ServerErrorRate { get => Get(ref _serverErrorRate); set => Set(ref _serverErrorRate, value); }

    public double HangRate { get => Get(ref _hangRate); set => Set(ref _hangRate, value); }

    public double ResetRate { get => Get(ref _resetRate); set => Set(ref _resetRate, value); }

    public double MalformedRate { get => Get(ref _malformedRate); set => Set(ref _malformedRate, value); }

    public double TruncatedRate { get => Get(ref _truncatedRate); set => Set(ref _truncatedRate, value); }

    public double WrongCountRate { get => Get(ref _wrongCountRate); set => Set(ref _wrongCountRate, value); }

    public double WrongDimensionRate { get => Get(ref _wrongDimensionRate); set => Set(ref _wrongDimensionRate, value); }

    public double NaNRate { get => Get(ref _nanRate); set => Set(ref _nanRate, value); }

    /// <summary>While true every request is answered 503.</summary>
    public bool Outage { get => Volatile.Read(ref _outage); set => Volatile.Write(ref _outage, value); }

    /// <summary>An input (or chat message) containing this fails its whole request with 400; null disables it.</summary>
    public string? PoisonMarker { get => Volatile.Read(ref _poisonMarker); set => Volatile.Write(ref _poisonMarker, value); }

    /// <summary>When set, every request is answered with this status and an error body.</summary>
    public int? ForceStatus
    {
        get
        {
            lock (_lock)
            {
                return _forceStatus;
            }
        }

        set
        {
            lock (_lock)
            {
                _forceStatus = value;
            }
        }
    }

    /// <summary>Queues <paramref name="count"/> requests to fail with <paramref name="fault"/>, before any random fault.</summary>
    public void FailNext(FakeFault fault, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _queue.Enqueue(fault);
            }
        }
    }

    /// <summary>Sets every rate back to 0, ends the outage and forced status, empties the queue.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _queue.Clear();
            _forceStatus = null;
        }

        ServerErrorRate = HangRate = ResetRate = MalformedRate = TruncatedRate = WrongCountRate = WrongDimensionRate = NaNRate = 0;
        Outage = false;
    }

    /// <summary>
    /// The fault for the next request, or null. Vector faults are only drawn for embedding requests; a queued
    /// one stays queued until an embedding request takes it.
    /// </summary>
    internal FakeFault? Draw(bool vectors)
    {
        lock (_lock)
        {
            if (_queue.TryPeek(out var queued) && (vectors || !IsVectorFault(queued)))
            {
                return _queue.Dequeue();
            }
        }

        (FakeFault Fault, double Rate)[] rates =
        [
            (FakeFault.ServerError, ServerErrorRate), (FakeFault.Hang, HangRate), (FakeFault.Reset, ResetRate),
            (FakeFault.Malformed, MalformedRate), (FakeFault.Truncated, TruncatedRate),
            (FakeFault.WrongCount, WrongCountRate), (FakeFault.WrongDimension, WrongDimensionRate), (FakeFault.NaN, NaNRate),
        ];
        foreach (var (fault, rate) in rates)
        {
            if (rate > 0 && (vectors || !IsVectorFault(fault)) && _random.NextDouble() < rate)
            {
                return fault;
            }
        }

        return null;
    }

    internal static bool IsVectorFault(FakeFault fault) => fault is FakeFault.WrongCount or FakeFault.WrongDimension or FakeFault.NaN;

    private static double Get(ref double field) => Volatile.Read(ref field);

    private static void Set(ref double field, double value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1);
        Volatile.Write(ref field, value);
    }
}
