using Xunit;

namespace Reembed.Testing;

/// <summary>Cancel requests: stored, reported by the next commit, cleared by a claim.</summary>
public abstract partial class StateStoreConformanceTests
{
    [Fact]
    public async Task RequestCancelAsync_UnknownJob_ThrowsConfigNamingJob()
    {
        await using var store = await CreateStoreAsync(Clock);

        var ex = await Assert.ThrowsAsync<ReembedException>(() => store.RequestCancelAsync("ghost").AsTask());

        Assert.Equal(ErrorKind.Config, ex.Kind);
        Assert.Contains("ghost", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestCancelAsync_KnownJob_NextCommitReportsCancel()
    {
        await using var store = await CreateStoreAsync(Clock);
        await store.CreateJobAsync(NewJob("j1"), Shards("0"));
        await store.ClaimAsync("j1", "me");
        Assert.False(await store.CommitAsync("j1", new Checkpoint { ShardId = "0" }));

        await store.RequestCancelAsync("j1");

        Assert.True((await store.GetJobAsync("j1"))?.CancelRequested);
        Assert.True(await store.CommitAsync("j1", new Checkpoint { ShardId = "0" }));
        await store.ClaimAsync("j1", "me");
        Assert.False(await store.CommitAsync("j1", new Checkpoint { ShardId = "0" }));
    }
}
