using Xunit;

namespace Reembed.Testing;

public abstract partial class StateStoreConformanceTests
{
    [Fact]
    public async Task SetNoticeAsync_SetThenCleared_ReadsBackEachTime()
    {
        await using var store = await CreateStoreAsync(Clock);
        await store.CreateJobAsync(NewJob("j1"), Shards("0"));
        await store.ClaimAsync("j1", "me");

        await store.SetNoticeAsync("j1", "paused: the embedding API answers 503");
        Assert.Equal("paused: the embedding API answers 503", (await store.GetJobAsync("j1"))?.Notice);
        Assert.Equal(JobState.Running, (await store.GetJobAsync("j1"))?.State);

        await store.SetNoticeAsync("j1", null);
        Assert.Null((await store.GetJobAsync("j1"))?.Notice);
    }

    [Fact]
    public async Task SetStateAsync_FinalState_ClearsNotice()
    {
        await using var store = await CreateStoreAsync(Clock);
        await store.CreateJobAsync(NewJob("j1"), Shards("0"));
        await store.ClaimAsync("j1", "me");
        await store.SetNoticeAsync("j1", "paused");

        await store.SetStateAsync("j1", JobState.Cancelled, "stopped");

        Assert.Null((await store.GetJobAsync("j1"))?.Notice);
    }

    [Fact]
    public async Task ClaimAsync_JobWithNotice_ClearsNotice()
    {
        await using var store = await CreateStoreAsync(Clock);
        await store.CreateJobAsync(NewJob("j1"), Shards("0"));
        await store.SetNoticeAsync("j1", "paused");

        await store.ClaimAsync("j1", "me");

        Assert.Null((await store.GetJobAsync("j1"))?.Notice);
    }
}
