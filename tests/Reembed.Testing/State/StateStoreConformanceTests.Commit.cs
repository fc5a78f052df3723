using Xunit;

namespace Reembed.Testing;

/// <summary>Commits: counters, watermarks, sink tokens and the failures ledger.</summary>
public abstract partial class StateStoreConformanceTests
{
    private static ItemFailureEntry Failure(string key, string message = "bad", string stage = ItemFailure.Stages.Embed) =>
        new(key, "line " + key, new ItemFailure(stage, "rejected", message));

    private async Task<StateStore> RunningJobAsync(string id = "j1", params string[] shards)
    {
        var store = await CreateStoreAsync(Clock);
        await store.CreateJobAsync(NewJob(id), Shards(shards.Length == 0 ? ["0", "1"] : shards));
        await store.ClaimAsync(id, "me");
        return store;
    }

    [Fact]
    public async Task CommitAsync_SeveralDeltas_AccumulateCountersActiveTimeAndHeartbeat()
    {
        await using var store = await RunningJobAsync();
        Clock.Advance(TimeSpan.FromSeconds(5));

        await store.CommitAsync("j1", new Checkpoint { ShardId = "0", Delta = new(10, 7, 1, 1, 1), ActiveSecondsDelta = 1.5 });
        Clock.Advance(TimeSpan.FromSeconds(5));
        await store.CommitAsync("j1", new Checkpoint { ShardId = "1", Delta = new(5, 2, 3, 0, 0), ActiveSecondsDelta = 0.25 });

        var job = await store.GetJobAsync("j1");
        Assert.NotNull(job);
        Assert.Equal(new JobCounters(15, 9, 4, 1, 1), job.Counters);
        Assert.Equal(1.75, job.ActiveSeconds, 9);
        Assert.Equal(Clock.UtcNow, job.HeartbeatAt);
    }

    [Fact]
    public async Task CommitAsync_CursorAndSinkToken_PersistedAndKeptWhenNull()
    {
        await using var store = await RunningJobAsync();

        await store.CommitAsync("j1", new Checkpoint { ShardId = "1", Cursor = "k0100", SinkToken = "tok-1" });
        await store.CommitAsync("j1", new Checkpoint { ShardId = "1", Delta = new(1, 0, 0, 0, 1) });
        await store.CommitAsync("j1", new Checkpoint { ShardId = "0", SinkToken = "tok-0" });
        await store.CommitAsync("j1", new Checkpoint { ShardId = "1", SinkToken = "tok-2" });
        await store.CommitAsync("j1", new Checkpoint { ShardId = "0", Cursor = "k0007" });

        var shards = await store.GetShardsAsync("j1");
        Assert.Equal(new ShardState("0", "range 0", "k0007", "tok-0", false), shards[0]);
        Assert.Equal(new ShardState("1", "range 1", "k0100", "tok-2", false), shards[1]);

        // The job keeps the latest token of any shard: the sink is one, whatever the shard.
        Assert.Equal("tok-2", (await store.GetJobAsync("j1"))!.SinkToken);
    }

    [Fact]
    public async Task CommitAsync_ShardDone_MarksOnlyThatShard()
    {
        await using var store = await RunningJobAsync();

        await store.CommitAsync("j1", new Checkpoint { ShardId = "0", Cursor = "end", ShardDone = true });

        var shards = await store.GetShardsAsync("j1");
        Assert.True(shards[0].Done);
        Assert.Equal("end", shards[0].Cursor);
        Assert.False(shards[1].Done);
    }

    [Fact]
    public async Task CommitAsync_UnknownJob_ThrowsConfig()
    {
        await using var store = await RunningJobAsync();

        var ex = await Assert.ThrowsAsync<ReembedException>(
            () => store.CommitAsync("ghost", new Checkpoint { ShardId = "0", Delta = new(1, 1, 0, 0, 0) }).AsTask());

        Assert.Equal(ErrorKind.Config, ex.Kind);
    }

    [Fact]
    public async Task CommitAsync_NewFailures_EnterLedgerInOrderWithOneAttempt()
    {
        await using var store = await RunningJobAsync();

        await store.CommitAsync("j1", new Checkpoint { ShardId = "0", Failures = [Failure("k9"), Failure("k2")] });
        await store.CommitAsync("j1", new Checkpoint { ShardId = "0", Failures = [Failure("k5", "nan", ItemFailure.Stages.Validate)] });

        var ledger = await store.GetFailuresAsync("j1", 0);
        Assert.Equal(["k9", "k2", "k5"], ledger.Select(e => e.Key));
        Assert.Equal(new LedgerEntry("k5", "line k5", "validate", "rejected", "nan", 1), ledger[2]);
    }

    [Fact]
    public async Task CommitAsync_RepeatedFailure_CountsAttemptAndTakesNewReason()
    {
        await using var store = await RunningJobAsync();
        await store.CommitAsync("j1", new Checkpoint { ShardId = "0", Failures = [Failure("k1"), Failure("k2")] });

        await store.CommitAsync("j1", new Checkpoint { ShardId = "0", Failures = [Failure("k1", "still bad", ItemFailure.Stages.Write)] });
        await store.CommitAsync("j1", new Checkpoint { ShardId = "0", Failures = [Failure("k1", "worse", ItemFailure.Stages.Write)] });

        var ledger = await store.GetFailuresAsync("j1", 0);
        Assert.Equal(["k1", "k2"], ledger.Select(e => e.Key));
        Assert.Equal(new LedgerEntry("k1", "line k1", "write", "rejected", "worse", 3), ledger[0]);
        Assert.Equal(1, ledger[1].Attempts);
    }

    [Fact]
    public async Task CommitAsync_Resolved_LeavesLedger()
    {
        await using var store = await RunningJobAsync();
        await store.CommitAsync("j1", new Checkpoint { ShardId = "0", Failures = [Failure("k1"), Failure("k2"), Failure("k3")] });

        await store.CommitAsync("j1", new Checkpoint { ShardId = "0", Resolved = ["k1", "k3", "never-failed"] });

        Assert.Equal(["k2"], (await store.GetFailuresAsync("j1", 0)).Select(e => e.Key));
    }

    [Fact]
    public async Task GetFailuresAsync_Limit_ReturnsFirstFailuresOfThatJobOnly()
    {
        await using var store = await RunningJobAsync();
        await store.CreateJobAsync(NewJob("other"), Shards("0"));
        await store.CommitAsync("other", new Checkpoint { ShardId = "0", Failures = [Failure("x")] });
        await store.CommitAsync("j1", new Checkpoint { ShardId = "0", Failures = [Failure("a"), Failure("b"), Failure("c")] });

        Assert.Equal(["a", "b"], (await store.GetFailuresAsync("j1", 2)).Select(e => e.Key));
        Assert.Equal(["a", "b", "c"], (await store.GetFailuresAsync("j1", -1)).Select(e => e.Key));
        Assert.Equal(["x"], (await store.GetFailuresAsync("other", 0)).Select(e => e.Key));
    }

    [Fact]
    public async Task CreateStoreAsync_Reopened_SeesEverythingCommitted()
    {
        var created = Clock.UtcNow;
        await using (var store = await RunningJobAsync("j1", "0", "1"))
        {
            await store.SetTotalAsync("j1", 100);
            await store.CommitAsync("j1", new Checkpoint
            {
                ShardId = "0", Cursor = "k50", SinkToken = "t", ShardDone = true, Delta = new(50, 49, 0, 0, 1),
                ActiveSecondsDelta = 2, Failures = [Failure("k7")],
            });
            await store.RequestCancelAsync("j1");
        }

        await using var reopened = await CreateStoreAsync(Clock);

        var job = await reopened.GetJobAsync("j1");
        Assert.NotNull(job);
        Assert.Equal(JobState.Running, job.State);
        Assert.Equal("me", job.Owner);
        Assert.Equal(new JobCounters(50, 49, 0, 0, 1), job.Counters);
        Assert.Equal(100, job.Total);
        Assert.Equal(2, job.ActiveSeconds);
        Assert.True(job.CancelRequested);
        Assert.Equal(created, job.CreatedAt);
        Assert.Equal(new ShardState("0", "range 0", "k50", "t", true), (await reopened.GetShardsAsync("j1"))[0]);
        Assert.Equal(["k7"], (await reopened.GetFailuresAsync("j1", 0)).Select(e => e.Key));
        Assert.Equal("j1", (await reopened.FindLatestJobAsync(job.ConfigKey))?.Id);
    }
}
