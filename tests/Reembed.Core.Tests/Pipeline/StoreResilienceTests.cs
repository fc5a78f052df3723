using Microsoft.Extensions.Logging.Abstractions;
using Reembed.Testing;

namespace Reembed.Tests.Pipeline;

/// <summary>Target calls through the store pipeline, on a fake clock: which faults are retried, how often, and how long it waits.</summary>
public sealed class StoreResilienceTests
{
    private static readonly TimeSpan ClockLimit = TimeSpan.FromDays(30);

    [Fact]
    public async Task RunAsync_TransientFaultThenSuccess_RetriedAndResultReturned()
    {
        var clock = new ManualTimeProvider();
        var calls = new Calls(clock, attempt => attempt < 2 ? Fault(ErrorKind.Transient) : null);
        var resilience = Create(new StoreResilienceOptions(), clock);

        var result = await clock.RunUntilAsync(resilience.RunAsync(calls.CallAsync, "lookup", CancellationToken.None), ClockLimit);

        Assert.Equal(3, result);
        Assert.Equal(3, calls.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public async Task RunAsync_TransientFaultPersists_RetriedExactlyMaxRetryAttemptsThenThrown(int maxRetryAttempts)
    {
        var clock = new ManualTimeProvider();
        var calls = new Calls(clock, _ => Fault(ErrorKind.Transient));
        var resilience = Create(new StoreResilienceOptions { MaxRetryAttempts = maxRetryAttempts }, clock);

        var error = await Assert.ThrowsAsync<ReembedException>(
            () => clock.RunUntilAsync(resilience.RunAsync(calls.CallAsync, "write", CancellationToken.None), ClockLimit));

        Assert.True(error.IsTransient);
        Assert.Equal(maxRetryAttempts + 1, calls.Count);
    }

    [Theory]
    [InlineData(ErrorKind.Fatal)]
    [InlineData(ErrorKind.Config)]
    [InlineData(ErrorKind.Item)]
    public async Task RunAsync_NonTransientFault_NotRetried(ErrorKind kind)
    {
        var clock = new ManualTimeProvider();
        var calls = new Calls(clock, _ => Fault(kind));
        var resilience = Create(new StoreResilienceOptions(), clock);

        var error = await Assert.ThrowsAsync<ReembedException>(() => resilience.RunAsync(calls.CallAsync, "write", CancellationToken.None));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(1, calls.Count);
        Assert.Equal(0, clock.ActiveTimers);
    }

    [Fact]
    public async Task RunAsync_CallThrowsOperationCanceled_NotRetried()
    {
        var clock = new ManualTimeProvider();
        var calls = new Calls(clock, _ => new OperationCanceledException());
        var resilience = Create(new StoreResilienceOptions(), clock);

        await Assert.ThrowsAsync<OperationCanceledException>(() => resilience.RunAsync(calls.CallAsync, "write", CancellationToken.None));

        Assert.Equal(1, calls.Count);
        Assert.Equal(0, clock.ActiveTimers);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileWaitingToRetry_StopsWithoutAnotherAttempt()
    {
        var clock = new ManualTimeProvider();
        var calls = new Calls(clock, _ => Fault(ErrorKind.Transient));
        var resilience = Create(new StoreResilienceOptions(), clock);
        using var cancel = new CancellationTokenSource();

        var running = resilience.RunAsync(calls.CallAsync, "write", cancel.Token);
        await ManualTimeProvider.WaitUntilAsync(() => clock.ActiveTimers > 0, "the wait before the first retry");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(1, calls.Count);
    }

    [Fact]
    public async Task RunAsync_WithoutJitter_WaitsDoubleFromBaseDelayUpToMaxDelay()
    {
        var clock = new ManualTimeProvider();
        var calls = new Calls(clock, _ => Fault(ErrorKind.Transient));
        var options = new StoreResilienceOptions
        {
            MaxRetryAttempts = 6, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10), UseJitter = false,
        };
        var logger = new RecordingLogger();
        var resilience = new StoreResilience(options, clock, logger);

        await Assert.ThrowsAsync<ReembedException>(
            () => clock.RunUntilAsync(resilience.RunAsync(calls.CallAsync, "write", CancellationToken.None), ClockLimit));

        Assert.Equal([1, 2, 4, 8, 10, 10], calls.Waits.Select(static w => w.TotalSeconds));
        var logged = logger.WithEventId(10);
        Assert.Equal([1, 2, 3, 4, 5, 6], logged.Select(static e => (int)e.Values["Attempt"]!));
        Assert.Equal([1, 2, 4, 8, 10, 10], logged.Select(static e => (double)e.Values["Seconds"]!));
        Assert.All(logged, static e => Assert.Equal("write", e.Values["What"]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task RunAsync_WithJitter_WaitsGrowExponentiallyWithinTheirBounds(int seed)
    {
        var baseDelay = TimeSpan.FromSeconds(1);
        var waits = await WaitsOfPersistingFaultAsync(new StoreResilienceOptions
        {
            MaxRetryAttempts = 8, BaseDelay = baseDelay, MaxDelay = TimeSpan.FromDays(1), UseJitter = true, Random = new Random(seed),
        });

        Assert.Equal(8, waits.Count);
        var waited = TimeSpan.Zero;
        for (var n = 0; n < waits.Count; n++)
        {
            // Polly's decorrelated jitter: wait n lies between 0 and base·2^(n+1), its median near base·2^n.
            Assert.InRange(waits[n], TimeSpan.Zero, baseDelay * Math.Pow(2, n + 1));

            // Its waits telescope: the time waited through wait n is base·2^t·tanh(√(4t))/1.4 for some t in [n, n+1).
            waited += waits[n];
            if (n > 0)
            {
                Assert.InRange(waited, baseDelay * (0.68 * Math.Pow(2, n)), baseDelay * (1.43 * Math.Pow(2, n)));
            }
        }

        var again = await WaitsOfPersistingFaultAsync(new StoreResilienceOptions
        {
            MaxRetryAttempts = 8, BaseDelay = baseDelay, MaxDelay = TimeSpan.FromDays(1), UseJitter = true, Random = new Random(seed),
        });
        var unjittered = Enumerable.Range(0, 8).Select(n => baseDelay * Math.Pow(2, n));
        Assert.Equal(waits, again);
        Assert.NotEqual(unjittered, waits);
    }

    [Fact]
    public async Task RunAsync_WithJitter_NoWaitLongerThanMaxDelay()
    {
        var maxDelay = TimeSpan.FromSeconds(3);
        var waits = await WaitsOfPersistingFaultAsync(new StoreResilienceOptions
        {
            MaxRetryAttempts = 12, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = maxDelay, UseJitter = true, Random = new Random(7),
        });

        Assert.All(waits, w => Assert.InRange(w, TimeSpan.Zero, maxDelay));
        Assert.Contains(maxDelay, waits);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RunAsync_Defaults_PersistingFaultStopsTheCallAfterAboutAMinute(int seed)
    {
        var waits = await WaitsOfPersistingFaultAsync(new StoreResilienceOptions { Random = new Random(seed) });

        Assert.Equal(7, waits.Count);
        Assert.InRange(waits.Aggregate(TimeSpan.Zero, static (a, b) => a + b), TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(80));
    }

    private static StoreResilience Create(StoreResilienceOptions options, TimeProvider clock) => new(options, clock, NullLogger.Instance);

    private static ReembedException Fault(ErrorKind kind) => new(kind, "connection to the target was lost");

    private static async Task<List<TimeSpan>> WaitsOfPersistingFaultAsync(StoreResilienceOptions options)
    {
        var clock = new ManualTimeProvider();
        var calls = new Calls(clock, _ => Fault(ErrorKind.Transient));
        await Assert.ThrowsAsync<ReembedException>(
            () => clock.RunUntilAsync(Create(options, clock).RunAsync(calls.CallAsync, "write", CancellationToken.None), ClockLimit));
        return calls.Waits;
    }

    /// <summary>A target call that fails with <c>fault(attempt)</c> (null: succeeds with the number of calls), noting when each attempt began.</summary>
    private sealed class Calls(TimeProvider clock, Func<int, Exception?> fault)
    {
        private readonly List<DateTimeOffset> _starts = [];

        public int Count => _starts.Count;

        public List<TimeSpan> Waits => [.. _starts.Zip(_starts.Skip(1), static (a, b) => b - a)];

        public ValueTask<int> CallAsync(CancellationToken cancellationToken)
        {
            _starts.Add(clock.GetUtcNow());
            return fault(_starts.Count - 1) is { } error ? ValueTask.FromException<int>(error) : ValueTask.FromResult(_starts.Count);
        }
    }
}
