using Xunit;

namespace Reembed.Testing;

/// <summary>Verifications (what swap consults) and purging a finished job's checkpoint data.</summary>
public abstract partial class StateStoreConformanceTests
{
    private static VerificationRecord Verification(string jobId, bool passed, int minute, string? report = null) =>
        new(jobId, new DateTimeOffset(2026, 11, 21, 10, minute, 0, TimeSpan.Zero), passed, "vectors__reembed_0011223344556677",
            "0011223344556677", "{\"passed\":" + (passed ? "true" : "false") + "}", report);

    [Fact]
    public async Task GetLatestVerificationAsync_NeverVerified_ReturnsNull()
    {
        await using var store = await CreateStoreAsync(Clock);
        await store.CreateJobAsync(NewJob("j1"), Shards("0"));

        Assert.Null(await store.GetLatestVerificationAsync("j1"));
    }

    [Fact]
    public async Task SaveVerificationAsync_Several_LatestOfThatJobReadsBackWhole()
    {
        await using var store = await CreateStoreAsync(Clock);
        await store.CreateJobAsync(NewJob("j1"), Shards("0"));
        await store.CreateJobAsync(NewJob("j2"), Shards("0"));

        await store.SaveVerificationAsync(Verification("j1", passed: true, minute: 1));
        await store.SaveVerificationAsync(Verification("j1", passed: false, minute: 2, report: "/tmp/r.html"));
        await store.SaveVerificationAsync(Verification("j2", passed: true, minute: 3));

        Assert.Equal(Verification("j1", passed: false, minute: 2, report: "/tmp/r.html"), await store.GetLatestVerificationAsync("j1"));
        Assert.Equal(Verification("j2", passed: true, minute: 3), await store.GetLatestVerificationAsync("j2"));
    }

    [Fact]
    public async Task SaveVerificationAsync_UnknownJob_ThrowsConfigAndStoresNothing()
    {
        await using var store = await CreateStoreAsync(Clock);

        var ex = await Assert.ThrowsAsync<ReembedException>(async () => await store.SaveVerificationAsync(Verification("nope", true, 1)));

        Assert.Equal(ErrorKind.Config, ex.Kind);
        Assert.Null(await store.GetLatestVerificationAsync("nope"));
    }

    [Fact]
    public async Task PurgeJobDataAsync_FinishedJob_DropsShardsAndLedgerOfThatJobOnly()
    {
        await using var store = await CreateStoreAsync(Clock);
        foreach (var id in new[] { "j1", "j2" })
        {
            await store.CreateJobAsync(NewJob(id), Shards("0", "1"));
            await store.ClaimAsync(id, "me");
            await store.CommitAsync(id, new Checkpoint { ShardId = "0", Cursor = "k9", Failures = [Failure("k3")] });
            await store.SetStateAsync(id, JobState.Completed, null);
        }

        await store.SaveVerificationAsync(Verification("j1", passed: true, minute: 1));
        await store.PurgeJobDataAsync("j1");

        Assert.Empty(await store.GetShardsAsync("j1"));
        Assert.Empty(await store.GetFailuresAsync("j1", 0));
        Assert.Equal(JobState.Completed, (await store.GetJobAsync("j1"))?.State);
        Assert.NotNull(await store.GetLatestVerificationAsync("j1"));
        Assert.Equal(2, (await store.GetShardsAsync("j2")).Count);
        Assert.Single(await store.GetFailuresAsync("j2", 0));
    }
}
