using Xunit;

namespace Reembed.Testing;

/// <summary>Rolling the latest swap back, cleaning up the loser, and what must be refused.</summary>
public abstract partial class CutoverTargetConformance
{
    [Fact]
    public async Task RollbackAsync_AfterSwap_RestoresExactlyTheOriginalContents()
    {
        await using var target = CreateTarget();
        var (a, b) = await GivenLiveAAndShadowBAsync(target);
        var swap = await target.SwapAsync(SpaceB.Id, "job-1");

        var step = await target.RollbackAsync();

        await AssertHoldsAsync(target.LiveName, SpaceA, a);
        await AssertHoldsAsync(target.ShadowName(SpaceB.Id), SpaceB, b);
        await AssertAbsentAsync(target.ShadowName(SpaceA.Id));
        Assert.Equal(
            new CutoverStep(CutoverStep.Rollback, "job-1", swap.Demoted, swap.Promoted, SpaceA.Id, SpaceB.Id, step.At), step);
        var state = await target.InspectAsync();
        Assert.Equal(new CutoverTable(target.LiveName, SpaceA.Id, 3), state.Live);
        Assert.Equal([new CutoverTable(target.ShadowName(SpaceB.Id), SpaceB.Id, 5)], state.Others);
        AssertSameStep(step, state.LastStep);
    }

    [Fact]
    public async Task RollbackAsync_NoSwapEver_ConfigErrorAndNothingChanged()
    {
        await using var target = CreateTarget();
        await GivenLiveAAndShadowBAsync(target);
        var before = await DescribeAllAsync(target);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.RollbackAsync());

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal(before, await DescribeAllAsync(target));
    }

    [Fact]
    public async Task RollbackAsync_LatestStepIsARollback_ConfigErrorAndNothingChanged()
    {
        await using var target = CreateTarget();
        await GivenLiveAAndShadowBAsync(target);
        await target.SwapAsync(SpaceB.Id, "job-1");
        await target.RollbackAsync();
        var before = await DescribeAllAsync(target);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.RollbackAsync());

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal(before, await DescribeAllAsync(target));
    }

    [Fact]
    public async Task RollbackAsync_DemotedCleanedUp_ConfigErrorAndLiveKept()
    {
        await using var target = CreateTarget();
        var (_, b) = await GivenLiveAAndShadowBAsync(target);
        await target.SwapAsync(SpaceB.Id, "job-1");
        await target.CleanupAsync();

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.RollbackAsync());

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains(target.ShadowName(SpaceA.Id), error.Message, StringComparison.Ordinal);
        await AssertHoldsAsync(target.LiveName, SpaceB, b);
    }

    [Fact]
    public async Task CleanupAsync_AfterSwap_DropsTheDemotedAndKeepsTheLive()
    {
        await using var target = CreateTarget();
        var (_, b) = await GivenLiveAAndShadowBAsync(target);
        await target.SwapAsync(SpaceB.Id, "job-1");

        var dropped = await target.CleanupAsync();

        Assert.Equal(target.ShadowName(SpaceA.Id), dropped);
        await AssertAbsentAsync(target.ShadowName(SpaceA.Id));
        await AssertHoldsAsync(target.LiveName, SpaceB, b);
        var state = await target.InspectAsync();
        Assert.Empty(state.Others);
        Assert.Null(state.Superseded);
        Assert.Null(await target.CleanupAsync());
    }

    [Fact]
    public async Task CleanupAsync_AfterRollback_DropsTheShadowThatLost()
    {
        await using var target = CreateTarget();
        var (a, _) = await GivenLiveAAndShadowBAsync(target);
        await target.SwapAsync(SpaceB.Id, "job-1");
        await target.RollbackAsync();

        var dropped = await target.CleanupAsync();

        Assert.Equal(target.ShadowName(SpaceB.Id), dropped);
        await AssertAbsentAsync(target.ShadowName(SpaceB.Id));
        await AssertHoldsAsync(target.LiveName, SpaceA, a);
        Assert.Empty((await target.InspectAsync()).Others);
    }

    [Fact]
    public async Task CleanupAsync_NoStepYet_NullAndNothingChanged()
    {
        await using var target = CreateTarget();
        await GivenLiveAAndShadowBAsync(target);
        var before = await DescribeAllAsync(target);

        Assert.Null(await target.CleanupAsync());

        Assert.Equal(before, await DescribeAllAsync(target));
    }
}
