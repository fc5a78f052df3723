using Xunit;

namespace Reembed.Testing;

/// <summary>
/// What every <see cref="StateStore"/> must do. A store kind derives from this and opens its store in
/// <see cref="CreateStoreAsync"/>; every call within one test must open the same underlying state, so a
/// second call shows what survived the first instance being disposed.
/// </summary>
public abstract partial class StateStoreConformanceTests
{
    protected ManualTimeProvider Clock { get; } = new();

    protected abstract Task<StateStore> CreateStoreAsync(TimeProvider timeProvider);

    protected static JobRecord NewJob(string id, string configKey = "/cfg/reembed.json", JobState state = JobState.Pending) => new()
    {
        Id = id,
        ConfigKey = configKey,
        SpecFingerprint = "fp-" + id,
        SpecJson = """{"source":{"type":"jsonl","path":"a.jsonl"},"note":"üñí ' \" \\"}""",
        Mode = "missing",
        SpaceId = "space-1",
        SpaceDescription = "hashing/384",
        State = state,
    };

    protected static IReadOnlyList<ShardInfo> Shards(params string[] ids) =>
        [.. ids.Select(id => new ShardInfo(id, "range " + id))];

    [Fact]
    public async Task CreateJobAsync_NewJob_ReturnsStoredRecordWithZeroCountersAndClockTime()
    {
        await using var store = await CreateStoreAsync(Clock);
        var job = NewJob("j1");

        var stored = await store.CreateJobAsync(job, Shards("0"));

        Assert.Equal("j1", stored.Id);
        Assert.Equal(job.ConfigKey, stored.ConfigKey);
        Assert.Equal(job.SpecFingerprint, stored.SpecFingerprint);
        Assert.Equal(job.SpecJson, stored.SpecJson);
        Assert.Equal("missing", stored.Mode);
        Assert.Equal("space-1", stored.SpaceId);
        Assert.Equal("hashing/384", stored.SpaceDescription);
        Assert.Equal(JobState.Pending, stored.State);
        Assert.Equal(JobCounters.Zero, stored.Counters);
        Assert.Null(stored.Total);
        Assert.Equal(0, stored.ActiveSeconds);
        Assert.Null(stored.Error);
        Assert.False(stored.CancelRequested);
        Assert.Null(stored.Owner);
        Assert.Null(stored.HeartbeatAt);
        Assert.Equal(Clock.UtcNow, stored.CreatedAt);
        Assert.Equal(Clock.UtcNow, stored.UpdatedAt);
        Assert.Null(stored.FinishedAt);
    }

    [Fact]
    public async Task CreateJobAsync_WithShards_StoresShardsInOrderWithoutCursor()
    {
        await using var store = await CreateStoreAsync(Clock);
        await store.CreateJobAsync(NewJob("j1"), Shards("0", "1", "2"));

        var shards = await store.GetShardsAsync("j1");

        Assert.Equal(["0", "1", "2"], shards.Select(s => s.ShardId));
        Assert.Equal("range 1", shards[1].Descriptor);
        Assert.All(shards, s => Assert.Null(s.Cursor));
        Assert.All(shards, s => Assert.Null(s.SinkToken));
        Assert.All(shards, s => Assert.False(s.Done));
    }

    [Fact]
    public async Task GetJobAsync_UnknownId_ReturnsNull()
    {
        await using var store = await CreateStoreAsync(Clock);
        await store.CreateJobAsync(NewJob("j1"), Shards("0"));

        Assert.Null(await store.GetJobAsync("nope"));
        Assert.Empty(await store.GetShardsAsync("nope"));
    }

    [Fact]
    public async Task FindLatestJobAsync_SeveralJobs_ReturnsNewestOfThatConfig()
    {
        await using var store = await CreateStoreAsync(Clock);
        await store.CreateJobAsync(NewJob("a1", "/a"), Shards("0"));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await store.CreateJobAsync(NewJob("a2", "/a", JobState.Completed), Shards("0"));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await store.CreateJobAsync(NewJob("b1", "/b"), Shards("0"));

        Assert.Equal("a2", (await store.FindLatestJobAsync("/a"))?.Id);
        Assert.Equal("b1", (await store.FindLatestJobAsync("/b"))?.Id);
        Assert.Null(await store.FindLatestJobAsync("/c"));
    }

    [Fact]
    public async Task FindLatestJobAsync_SameCreatedAt_ReturnsLastCreated()
    {
        await using var store = await CreateStoreAsync(Clock);
        await store.CreateJobAsync(NewJob("z", "/a"), Shards("0"));
        await store.CreateJobAsync(NewJob("m", "/a"), Shards("0"));
        await store.CreateJobAsync(NewJob("b", "/a"), Shards("0"));

        Assert.Equal("b", (await store.FindLatestJobAsync("/a"))?.Id);
    }

    [Fact]
    public async Task ListJobsAsync_Limit_ReturnsNewestFirst()
    {
        await using var store = await CreateStoreAsync(Clock);
        foreach (var id in new[] { "j1", "j2", "j3", "j4" })
        {
            await store.CreateJobAsync(NewJob(id, "/" + id), Shards("0"));
            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(["j4", "j3"], (await store.ListJobsAsync(2)).Select(j => j.Id));
        Assert.Equal(["j4", "j3", "j2", "j1"], (await store.ListJobsAsync(10)).Select(j => j.Id));
    }

    [Fact]
    public async Task ClaimAsync_CancelledJob_RunningForOwnerWithFreshHeartbeat()
    {
        await using var store = await CreateStoreAsync(Clock);
        await store.CreateJobAsync(NewJob("j1"), Shards("0"));
        await store.RequestCancelAsync("j1");
        await store.SetStateAsync("j1", JobState.Cancelled, "cancelled by user");
        Clock.Advance(TimeSpan.FromHours(1));

        await store.ClaimAsync("j1", "host-1/42");

        var job = await store.GetJobAsync("j1");
        Assert.NotNull(job);
        Assert.Equal(JobState.Running, job.State);
        Assert.Equal("host-1/42", job.Owner);
        Assert.Equal(Clock.UtcNow, job.HeartbeatAt);
        Assert.False(job.CancelRequested);
        Assert.Null(job.Error);
        Assert.Null(job.FinishedAt);
    }

    [Theory]
    [InlineData(JobState.Completed)]
    [InlineData(JobState.Failed)]
    [InlineData(JobState.Cancelled)]
    public async Task SetStateAsync_FinalState_StampsFinishedAtAndClearsOwner(JobState state)
    {
        await using var store = await CreateStoreAsync(Clock);
        await store.CreateJobAsync(NewJob("j1"), Shards("0"));
        await store.ClaimAsync("j1", "me");
        Clock.Advance(TimeSpan.FromSeconds(30));

        await store.SetStateAsync("j1", state, "why");

        var job = await store.GetJobAsync("j1");
        Assert.NotNull(job);
        Assert.Equal(state, job.State);
        Assert.Equal("why", job.Error);
        Assert.Equal(Clock.UtcNow, job.FinishedAt);
        Assert.Equal(Clock.UtcNow, job.UpdatedAt);
        Assert.Null(job.Owner);
    }

    [Fact]
    public async Task SetStateAsync_NonFinalWithNullError_ClearsErrorAndFinishedAt()
    {
        await using var store = await CreateStoreAsync(Clock);
        await store.CreateJobAsync(NewJob("j1"), Shards("0"));
        await store.SetStateAsync("j1", JobState.Failed, "boom");

        await store.SetStateAsync("j1", JobState.Pending, null);

        var job = await store.GetJobAsync("j1");
        Assert.NotNull(job);
        Assert.Equal(JobState.Pending, job.State);
        Assert.Null(job.Error);
        Assert.Null(job.FinishedAt);
    }

    [Fact]
    public async Task SetTotalAsync_KnownJob_StoresTotal()
    {
        await using var store = await CreateStoreAsync(Clock);
        await store.CreateJobAsync(NewJob("j1"), Shards("0"));

        await store.SetTotalAsync("j1", 63_905);

        Assert.Equal(63_905, (await store.GetJobAsync("j1"))?.Total);
    }
}
