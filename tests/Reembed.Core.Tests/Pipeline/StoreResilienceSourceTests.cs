using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Reembed.Testing;

namespace Reembed.Tests.Pipeline;

/// <summary>Source reads through the store pipeline, on a fake clock: a fault is read past from the last record handed on.</summary>
public sealed class StoreResilienceSourceTests
{
    private const int Records = 10;
    private static readonly TimeSpan ClockLimit = TimeSpan.FromDays(30);

    private static readonly StoreResilienceOptions Unjittered = new()
    {
        MaxRetryAttempts = 3, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), UseJitter = false,
    };

    [Fact]
    public async Task ReadAsync_TransientFaultMidShard_ReadAgainAfterTheLastRecordHandedOn()
    {
        var clock = new ManualTimeProvider();
        var source = new FlakySource(clock, ErrorKind.Transient, (4, 1));
        var logger = new RecordingLogger();

        var keys = await clock.RunUntilAsync(ReadAllAsync(new StoreResilience(Unjittered, clock, logger), source), ClockLimit);

        Assert.Equal(Enumerable.Range(0, Records).Select(Key), keys);
        Assert.Equal([null, "4"], source.ReadsAfter);
        var logged = Assert.Single(logger.WithEventId(11));
        Assert.Equal("4", logged.Values["Cursor"]);
        Assert.Equal(1, logged.Values["Attempt"]);
        Assert.Equal(1.0, logged.Values["Seconds"]);
    }

    [Fact]
    public async Task ReadAsync_TransientFaultPersists_ReadAgainMaxRetryAttemptsTimesThenThrown()
    {
        var clock = new ManualTimeProvider();
        var source = new FlakySource(clock, ErrorKind.Transient, (4, int.MaxValue));
        var keys = new List<string>();

        var error = await Assert.ThrowsAsync<ReembedException>(
            () => clock.RunUntilAsync(ReadAllAsync(Create(Unjittered, clock), source, keys), ClockLimit));

        Assert.True(error.IsTransient);
        Assert.Equal(Enumerable.Range(0, 4).Select(Key), keys);
        Assert.Equal([null, "4", "4", "4"], source.ReadsAfter);
        Assert.Equal([1, 2, 4], source.Waits.Select(static w => w.TotalSeconds));
    }

    [Fact]
    public async Task ReadAsync_ProgressBetweenStalls_ResetsTheAttemptsAndTheBackoff()
    {
        var clock = new ManualTimeProvider();
        var source = new FlakySource(clock, ErrorKind.Transient, (3, 3), (6, 3));

        var keys = await clock.RunUntilAsync(ReadAllAsync(Create(Unjittered, clock), source), ClockLimit);

        Assert.Equal(Enumerable.Range(0, Records).Select(Key), keys);
        Assert.Equal([null, "3", "3", "3", "6", "6", "6"], source.ReadsAfter);
        Assert.Equal([1, 2, 4, 1, 2, 4], source.Waits.Select(static w => w.TotalSeconds));
    }

    [Theory]
    [InlineData(ErrorKind.Fatal)]
    [InlineData(ErrorKind.Config)]
    public async Task ReadAsync_NonTransientFault_NotRetried(ErrorKind kind)
    {
        var clock = new ManualTimeProvider();
        var source = new FlakySource(clock, kind, (4, 1));

        var error = await Assert.ThrowsAsync<ReembedException>(() => ReadAllAsync(Create(Unjittered, clock), source));

        Assert.Equal(kind, error.Kind);
        Assert.Equal([null], source.ReadsAfter);
        Assert.Equal(0, clock.ActiveTimers);
    }

    [Fact]
    public async Task ReadAsync_SourceThrowsOperationCanceled_NotRetried()
    {
        var clock = new ManualTimeProvider();
        var source = new FlakySource(clock, ErrorKind.Transient, (4, 1)) { Cancelled = true };

        await Assert.ThrowsAsync<OperationCanceledException>(() => ReadAllAsync(Create(Unjittered, clock), source));

        Assert.Equal([null], source.ReadsAfter);
        Assert.Equal(0, clock.ActiveTimers);
    }

    private static string Key(int index) => $"k{index:D2}";

    private static StoreResilience Create(StoreResilienceOptions options, TimeProvider clock) => new(options, clock, NullLogger.Instance);

    private static async Task<List<string>> ReadAllAsync(StoreResilience resilience, FlakySource source, List<string>? keys = null)
    {
        keys ??= [];
        var shard = (await source.GetShardsAsync())[0];
        await foreach (var record in resilience.ReadAsync(source, shard, afterCursor: null))
        {
            keys.Add(record.Key);
        }

        return keys;
    }

    /// <summary>
    /// Records k00..k09 with cursors 1..10; before handing on record <c>index</c> a read fails <c>times</c>
    /// times, as a dropped connection does. Notes the cursor each read starts after, and when.
    /// </summary>
    private sealed class FlakySource(TimeProvider clock, ErrorKind kind, params (int Index, int Times)[] faults) : RecordSource
    {
        private readonly ListSource _inner = new(Enumerable.Range(0, Records).Select(static i => (Key(i), (string?)$"text {i}")));
        private readonly Dictionary<int, int> _pending = faults.ToDictionary(static f => f.Index, static f => f.Times);
        private readonly List<DateTimeOffset> _starts = [];

        /// <summary>Throw <see cref="OperationCanceledException"/> instead of the fault.</summary>
        public bool Cancelled { get; init; }

        public List<string?> ReadsAfter { get; } = [];

        /// <summary>The clock time between one read starting and the next.</summary>
        public List<TimeSpan> Waits => [.. _starts.Zip(_starts.Skip(1), static (a, b) => b - a)];

        public override string Description => "flaky";

        public override ValueTask OpenAsync(CancellationToken cancellationToken = default) => _inner.OpenAsync(cancellationToken);

        public override ValueTask<IReadOnlyList<ShardInfo>> GetShardsAsync(CancellationToken cancellationToken = default) =>
            _inner.GetShardsAsync(cancellationToken);

        public override async IAsyncEnumerable<SourceRecord> ReadAsync(
            ShardInfo shard, string? afterCursor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            ReadsAfter.Add(afterCursor);
            _starts.Add(clock.GetUtcNow());
            var index = afterCursor is null ? 0 : int.Parse(afterCursor, CultureInfo.InvariantCulture);
            await foreach (var record in _inner.ReadAsync(shard, afterCursor, cancellationToken))
            {
                if (_pending.TryGetValue(index, out var left) && left > 0)
                {
                    _pending[index] = left - 1;
                    throw Cancelled
                        ? new OperationCanceledException()
                        : new ReembedException(kind, $"connection to the source dropped before record {index}") { Subject = "source" };
                }

                index++;
                yield return record;
            }
        }
    }
}
