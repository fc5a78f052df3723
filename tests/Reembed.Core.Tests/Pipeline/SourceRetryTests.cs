using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Reembed.Testing;

namespace Reembed.Tests;

/// <summary>A source that drops its connection mid-shard is read again from the last record handed on, exactly once each.</summary>
public sealed class SourceRetryTests
{
    private const int Dims = 4;
    private static readonly EmbeddingSpace Space = new("fake", "fake-v1", Dims, normalized: false);

    [Fact]
    public async Task RunAsync_SourceFailsTransientlyTwiceMidShard_EveryRecordWrittenOnceAndJobCompletes()
    {
        var source = new FlakySource(300, failBefore: [57, 58, 201], ErrorKind.Transient);
        var sink = new InMemorySink();

        var outcome = await RunAsync(source, sink);

        Assert.Equal(JobState.Completed, outcome.Job.State);
        Assert.Equal(3, source.Failures);
        Assert.Equal(300, sink.Rows.Count);
        Assert.Equal(new JobCounters(300, 300, 0, 0, 0), outcome.Job.Counters);
        var written = sink.Writes.SelectMany(static w => w).ToList();
        Assert.Equal(written.Distinct().Count(), written.Count);
        Assert.Equal([null, "57", "58", "201"], source.ReadsAfter);
    }

    [Fact]
    public async Task RunAsync_SourceFailsFatally_NotRetriedAndJobFailsResumable()
    {
        var source = new FlakySource(100, failBefore: [40], ErrorKind.Fatal);
        var sink = new InMemorySink();

        var error = await Assert.ThrowsAsync<ReembedException>(() => RunAsync(source, sink));

        Assert.Equal(ErrorKind.Fatal, error.Kind);
        Assert.Equal(1, source.Failures);
        Assert.Equal([null], source.ReadsAfter);
    }

    private static async Task<JobOutcome> RunAsync(RecordSource source, InMemorySink sink)
    {
        var runner = new JobRunner(source, sink, new FakeEmbeddingGenerator(Dims), Space, new InMemoryStateStore(),
            new PipelineOptions { MaxItems = 10, MaxConcurrency = 2 }, NullLogger.Instance, TimeProvider.System);
        return await runner.RunAsync(new JobRequest { ConfigKey = "c", SpecFingerprint = "f", SpecJson = "{}", Owner = "test" }, new CancellationTokenSource());
    }

    /// <summary>Records k0..kN with cursors 1..N; before handing on record i in <c>failBefore</c> it fails once, as a dropped connection does.</summary>
    private sealed class FlakySource(int count, int[] failBefore, ErrorKind kind) : RecordSource
    {
        private readonly ListSource _inner = new(Enumerable.Range(0, count).Select(static i => ($"k{i:D4}", (string?)$"text {i}")));
        private readonly HashSet<int> _pending = [.. failBefore];

        public int Failures { get; private set; }

        public List<string?> ReadsAfter { get; } = [];

        public override string Description => "flaky";

        public override ValueTask OpenAsync(CancellationToken cancellationToken = default) => _inner.OpenAsync(cancellationToken);

        public override ValueTask<IReadOnlyList<ShardInfo>> GetShardsAsync(CancellationToken cancellationToken = default) =>
            _inner.GetShardsAsync(cancellationToken);

        public override async IAsyncEnumerable<SourceRecord> ReadAsync(
            ShardInfo shard, string? afterCursor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            ReadsAfter.Add(afterCursor);
            var index = afterCursor is null ? 0 : int.Parse(afterCursor, System.Globalization.CultureInfo.InvariantCulture);
            await foreach (var record in _inner.ReadAsync(shard, afterCursor, cancellationToken))
            {
                if (_pending.Remove(index))
                {
                    Failures++;
                    throw new ReembedException(kind, $"connection to the source dropped before record {index}") { Subject = "source" };
                }

                index++;
                yield return record;
            }
        }
    }
}
