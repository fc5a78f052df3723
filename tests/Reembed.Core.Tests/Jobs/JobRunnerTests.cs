using Microsoft.Extensions.Logging.Abstractions;
using Reembed.Testing;

namespace Reembed.Tests;

public sealed class JobRunnerTests
{
    private const int Dims = 8;
    private static readonly EmbeddingSpace Space = new("fake", "fake-v1", Dims, normalized: false);

    private sealed class Fixture
    {
        public Fixture(int count, Func<int, string?>? text = null)
        {
            Source = new ListSource(Enumerable.Range(0, count).Select(i => ($"k{i:D5}", text is null ? $"text {i}" : text(i))));
        }

        public ListSource Source { get; set; }

        public InMemorySink Sink { get; } = new();

        public FakeEmbeddingGenerator Generator { get; } = new(Dims);

        public InMemoryStateStore State { get; } = new();

        public PipelineOptions Options { get; } = new() { MaxItems = 10, MaxConcurrency = 3 };

        public async Task<JobOutcome> RunAsync(bool restart = false, bool retry = false, CancellationTokenSource? stop = null)
        {
            var runner = new JobRunner(Source, Sink, Generator, Space, State, Options, NullLogger.Instance, TimeProvider.System);
            var request = new JobRequest { ConfigKey = "config", SpecFingerprint = "f", SpecJson = "{}", Owner = "test", Restart = restart, RetryFailed = retry };
            return await runner.RunAsync(request, stop ?? new CancellationTokenSource());
        }
    }

    [Fact]
    public async Task RunAsync_OutOfOrderEmbedding_WritesAndCommitsInSourceOrder()
    {
        var fixture = new Fixture(200);
        var random = new Random(1);
        fixture.Generator.OnGenerate = async (_, ct) =>
        {
            int delay;
            lock (random)
            {
                delay = random.Next(0, 15);
            }

            await Task.Delay(delay, ct);
            return null;
        };

        var outcome = await fixture.RunAsync();

        Assert.Equal(JobState.Completed, outcome.Job.State);
        Assert.Equal(200, fixture.Sink.Rows.Count);
        var written = fixture.Sink.Writes.SelectMany(static w => w).ToList();
        Assert.Equal(written.Order(StringComparer.Ordinal), written);
        var cursors = fixture.State.Commits.Where(c => c.Cursor is not null).Select(c => int.Parse(c.Cursor!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(cursors.Order(), cursors);
        Assert.Equal(200, cursors[^1]);
        Assert.Equal(new JobCounters(200, 200, 0, 0, 0), outcome.Job.Counters);
        Assert.Equal(FakeEmbeddingGenerator.VectorFor("text 7", Dims), fixture.Sink.Rows["k00007"].Vector.ToArray());
    }

    [Fact]
    public async Task RunAsync_PoisonInput_IsIsolatedAndItsBatchMatesWritten()
    {
        var fixture = new Fixture(50, i => i == 23 ? "POISON" : $"text {i}");
        fixture.Generator.OnGenerate = (inputs, _) => inputs.Contains("POISON")
            ? throw new ReembedException(ErrorKind.Item, "input 'POISON' rejected by the provider") { ErrorClass = "rejected-input" }
            : Task.FromResult<IReadOnlyList<float[]>?>(null);

        var outcome = await fixture.RunAsync();

        Assert.Equal(49, fixture.Sink.Rows.Count);
        Assert.DoesNotContain("k00023", fixture.Sink.Rows.Keys);
        var failure = Assert.Single(await fixture.State.GetFailuresAsync(outcome.Job.Id, 0));
        Assert.Equal(("k00023", "embed", "rejected-input"), (failure.Key, failure.Stage, failure.ErrorClass));
        Assert.Contains("POISON", failure.Message, StringComparison.Ordinal);
        Assert.Equal(new JobCounters(50, 49, 0, 0, 1), outcome.Job.Counters);
    }

    [Fact]
    public async Task RunAsync_BadVectors_AreValidationFailuresNeverWritten()
    {
        var fixture = new Fixture(10);
        fixture.Generator.OnGenerate = (inputs, _) => Task.FromResult<IReadOnlyList<float[]>?>(inputs.Select(text => text switch
        {
            "text 2" => new float[Dims - 1],
            "text 5" => [.. new float[Dims - 1], float.NaN],
            "text 6" => [float.PositiveInfinity, .. new float[Dims - 1]],
            _ => FakeEmbeddingGenerator.VectorFor(text, Dims),
        }).ToList());

        var outcome = await fixture.RunAsync();

        var failures = (await fixture.State.GetFailuresAsync(outcome.Job.Id, 0)).ToDictionary(f => f.Key);
        Assert.Equal("wrong-dimension", failures["k00002"].ErrorClass);
        Assert.Equal("non-finite", failures["k00005"].ErrorClass);
        Assert.Contains("component 7", failures["k00005"].Message, StringComparison.Ordinal);
        Assert.Equal("non-finite", failures["k00006"].ErrorClass);
        Assert.Equal(7, fixture.Sink.Rows.Count);
        Assert.Equal(3, outcome.Job.Counters.Failed);
    }

    [Fact]
    public async Task RunAsync_WrongCount_SplitsUntilEachInputIsCheckedAlone()
    {
        var fixture = new Fixture(8);
        fixture.Generator.OnGenerate = (inputs, _) => Task.FromResult<IReadOnlyList<float[]>?>(
            inputs.Count > 1 && inputs.Contains("text 3") ? inputs.Skip(1).Select(t => FakeEmbeddingGenerator.VectorFor(t, Dims)).ToList() : null);

        var outcome = await fixture.RunAsync();

        Assert.Equal(8, fixture.Sink.Rows.Count);
        Assert.Equal(0, outcome.Job.Counters.Failed);
    }

    [Fact]
    public async Task RunAsync_SinkFailsMidway_WatermarkCoversOnlyAcknowledgedWritesAndResumeCompletes()
    {
        var fixture = new Fixture(300);
        var writes = 0;
        fixture.Sink.OnWrite = _ =>
        {
            if (Interlocked.Increment(ref writes) == 5)
            {
                throw new ReembedException(ErrorKind.Fatal, "disk full");
            }
        };

        var failed = await Assert.ThrowsAsync<ReembedException>(() => fixture.RunAsync());
        Assert.Equal("disk full", failed.Message);
        var job = (await fixture.State.FindLatestJobAsync("config"))!;
        Assert.Equal(JobState.Failed, job.State);
        var shard = Assert.Single(await fixture.State.GetShardsAsync(job.Id));
        var watermark = int.Parse(shard.Cursor!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(fixture.Sink.Rows.Count, watermark);
        Assert.Equal(watermark, job.Counters.Processed);

        fixture.Sink.OnWrite = null;
        var outcome = await fixture.RunAsync();
        Assert.True(outcome.Resumed);
        Assert.Equal(JobState.Completed, outcome.Job.State);
        Assert.Equal(300, fixture.Sink.Rows.Count);
        Assert.Equal(new JobCounters(300, 300, 0, 0, 0), outcome.Job.Counters);
    }

    [Fact]
    public async Task RunAsync_InFlightWork_IsBoundedByTheWindow()
    {
        var fixture = new Fixture(1_000);
        var gate = new TaskCompletionSource();
        fixture.Generator.OnGenerate = async (inputs, ct) =>
        {
            if (inputs.Contains("text 0"))
            {
                await gate.Task.WaitAsync(ct);
            }

            return null;
        };

        var run = fixture.RunAsync();
        await Task.Delay(300);
        var inFlight = fixture.Generator.Inputs;
        gate.SetResult();
        await run;

        // The first batch is held: the others may embed, but no more than the window allows.
        Assert.InRange(inFlight, 1, fixture.Options.InFlightBatches * fixture.Options.MaxItems);
        Assert.Equal(1_000, fixture.Sink.Rows.Count);
    }

    [Fact]
    public async Task RunAsync_GracefulStop_CommitsWhatFinishedAbandonsTheRestAndResumes()
    {
        var fixture = new Fixture(500);
        using var stop = new CancellationTokenSource();
        fixture.Generator.OnGenerate = async (inputs, ct) =>
        {
            if (inputs.Contains("text 100"))
            {
                await stop.CancelAsync();
            }

            await Task.Delay(1, ct);
            return null;
        };

        var stopped = await fixture.RunAsync(stop: stop);
        Assert.True(stopped.Stopped);
        Assert.Equal(JobState.Cancelled, stopped.Job.State);
        // The batch being embedded when the stop came is abandoned, not waited for; what committed is in the target.
        Assert.InRange(stopped.Job.Counters.Processed, 0, 499);
        Assert.Equal(stopped.Job.Counters.Processed, fixture.Sink.Rows.Count);

        fixture.Generator.OnGenerate = null;
        var resumed = await fixture.RunAsync();
        Assert.Equal(JobState.Completed, resumed.Job.State);
        Assert.Equal(500, resumed.Job.Counters.Embedded);
        Assert.Equal(500 - stopped.Job.Counters.Processed, resumed.ThisRun.Embedded);
    }

    [Fact]
    public async Task RunAsync_StopAfterTheWholeSourceWasRead_JobNotCompletedAndResumeEmbedsTheRest()
    {
        // 30 records fit in the in-flight window: the reader is done before the last batch is embedded.
        var fixture = new Fixture(30);
        using var stop = new CancellationTokenSource();
        fixture.Generator.OnGenerate = async (inputs, ct) =>
        {
            if (inputs.Contains("text 25"))
            {
                await stop.CancelAsync();
                await Task.Delay(Timeout.Infinite, ct);
            }

            return null;
        };

        var stopped = await fixture.RunAsync(stop: stop);

        Assert.True(stopped.Stopped);
        Assert.Equal(JobState.Cancelled, stopped.Job.State);
        Assert.True(stopped.Job.Counters.Processed < 30);
        Assert.Equal(stopped.Job.Counters.Processed, fixture.Sink.Rows.Count);

        fixture.Generator.OnGenerate = null;
        var resumed = await fixture.RunAsync();

        Assert.Equal(JobState.Completed, resumed.Job.State);
        Assert.Equal(30, fixture.Sink.Rows.Count);
        Assert.Equal(30, resumed.Job.Counters.Processed);
    }

    [Fact]
    public async Task RunAsync_TargetDropsTheConnectionTwice_RetriesAndCompletes()
    {
        var fixture = new Fixture(100);
        var writeFaults = 2;
        var lookupFaults = 1;
        fixture.Sink.OnWrite = _ =>
        {
            if (Interlocked.Decrement(ref writeFaults) >= 0)
            {
                throw new ReembedException(ErrorKind.Transient, "connection to the target was lost");
            }
        };
        fixture.Sink.OnLookup = _ =>
        {
            if (Interlocked.Decrement(ref lookupFaults) >= 0)
            {
                throw new ReembedException(ErrorKind.Transient, "connection to the target was lost");
            }
        };

        var outcome = await fixture.RunAsync();

        Assert.Equal(JobState.Completed, outcome.Job.State);
        Assert.Equal(100, fixture.Sink.Rows.Count);
        Assert.Equal(100, outcome.Job.Counters.Embedded);
        Assert.True(writeFaults < 0 && lookupFaults < 0);
    }

    [Fact]
    public async Task RunAsync_TargetFailsFatally_NotRetriedJobFails()
    {
        var fixture = new Fixture(50);
        var writes = 0;
        fixture.Sink.OnWrite = _ =>
        {
            Interlocked.Increment(ref writes);
            throw new ReembedException(ErrorKind.Fatal, "permission denied for table docs");
        };

        await Assert.ThrowsAsync<ReembedException>(() => fixture.RunAsync());

        Assert.Equal(1, writes);
    }

    [Fact]
    public async Task RunAsync_CancelRequestedInState_StopsAtNextCommit()
    {
        var fixture = new Fixture(400);
        var requested = false;
        fixture.State.OnCommit = checkpoint =>
        {
            if (!requested && checkpoint.Delta.Processed > 0)
            {
                requested = true;
                var job = fixture.State.FindLatestJobAsync("config").AsTask().Result!;
                fixture.State.RequestCancelAsync(job.Id).AsTask().Wait();
            }
        };

        var outcome = await fixture.RunAsync();
        Assert.True(outcome.Stopped);
        Assert.True(outcome.Job.Counters.Processed < 400);
    }

    [Fact]
    public async Task RunAsync_EmptyAndUnreadable_AreSkippedAndLedgered()
    {
        var fixture = new Fixture(6, i => i switch { 1 => "   ", 2 => null, 4 => "", _ => $"text {i}" });
        var outcome = await fixture.RunAsync();
        Assert.Equal(new JobCounters(6, 3, 2, 0, 1), outcome.Job.Counters);
        Assert.Equal("k00002", Assert.Single(await fixture.State.GetFailuresAsync(outcome.Job.Id, 0)).Key);
    }
}
