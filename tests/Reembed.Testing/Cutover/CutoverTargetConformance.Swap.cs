using Xunit;

namespace Reembed.Testing;

/// <summary>Swapping a shadow in, and the swaps that must be refused without changing anything.</summary>
public abstract partial class CutoverTargetConformance
{
    [Fact]
    public async Task SwapAsync_ShadowOfNewSpace_LiveNameHoldsShadowVectorsAndDemotedHoldsOld()
    {
        await using var target = CreateTarget();
        var (a, b) = await GivenLiveAAndShadowBAsync(target);

        var step = await target.SwapAsync(SpaceB.Id, "job-1");

        await AssertHoldsAsync(target.LiveName, SpaceB, b);
        await AssertHoldsAsync(target.ShadowName(SpaceA.Id), SpaceA, a);
        await AssertAbsentAsync(target.ShadowName(SpaceB.Id));
        Assert.Equal(CutoverStep.Swap, step.Kind);
        Assert.Equal("job-1", step.JobId);
        Assert.Equal(target.ShadowName(SpaceB.Id), step.Promoted);
        Assert.Equal(target.ShadowName(SpaceA.Id), step.Demoted);
        Assert.Equal(SpaceB.Id, step.PromotedSpaceId);
        Assert.Equal(SpaceA.Id, step.DemotedSpaceId);
    }

    [Fact]
    public async Task SwapAsync_ShadowOfNewSpace_InspectShowsNewLiveTheStepAndWhatCleanupDrops()
    {
        await using var target = CreateTarget();
        await GivenLiveAAndShadowBAsync(target);

        var step = await target.SwapAsync(SpaceB.Id, "job-1");
        await using var again = CreateTarget();
        var state = await again.InspectAsync();

        Assert.Equal(new CutoverTable(target.LiveName, SpaceB.Id, 5), state.Live);
        Assert.Equal([new CutoverTable(target.ShadowName(SpaceA.Id), SpaceA.Id, 3)], state.Others);
        AssertSameStep(step, state.LastStep);
        Assert.Equal(target.ShadowName(SpaceA.Id), state.Superseded?.Name);
    }

    [Fact]
    public async Task SwapAsync_NoShadowOfThatSpace_ConfigErrorAndNothingChanged()
    {
        await using var target = CreateTarget();
        await WriteAsync(target.LiveName, SpaceA, Records(SpaceA, 3));
        var before = await DescribeAllAsync(target);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.SwapAsync(SpaceB.Id, "job-1"));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains(SpaceB.Id, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DescribeAllAsync(target));
    }

    [Fact]
    public async Task SwapAsync_LiveAlreadyHoldsThatSpace_ConfigErrorAndNothingChanged()
    {
        await using var target = CreateTarget();
        await GivenLiveAAndShadowBAsync(target);
        await WriteAsync(target.ShadowName(SpaceA.Id), SpaceA, Records(SpaceA, 2, seed: 7));
        var before = await DescribeAllAsync(target);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.SwapAsync(SpaceA.Id, "job-1"));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains(SpaceA.Id, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DescribeAllAsync(target));
    }

    [Fact]
    public async Task SwapAsync_DemotedNameAlreadyTaken_ConfigErrorAndNothingChanged()
    {
        await using var target = CreateTarget();
        await GivenLiveAAndShadowBAsync(target);
        await WriteAsync(target.ShadowName(SpaceA.Id), SpaceA, Records(SpaceA, 2, seed: 7));
        var before = await DescribeAllAsync(target);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.SwapAsync(SpaceB.Id, "job-1"));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains(target.ShadowName(SpaceA.Id), error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DescribeAllAsync(target));
    }

    [Fact]
    public async Task SwapAsync_NoLiveYet_ShadowBecomesLiveNothingToCleanUpAndRollbackRefused()
    {
        await using var target = CreateTarget();
        var b = Records(SpaceB, 5);
        await WriteAsync(target.ShadowName(SpaceB.Id), SpaceB, b);

        var step = await target.SwapAsync(SpaceB.Id, "job-1");

        await AssertHoldsAsync(target.LiveName, SpaceB, b);
        Assert.Null(step.DemotedSpaceId);
        Assert.Equal(target.LiveName, step.Demoted);
        var state = await target.InspectAsync();
        Assert.Empty(state.Others);
        Assert.Null(state.Superseded);
        Assert.Null(await target.CleanupAsync());
        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.RollbackAsync());
        Assert.Equal(ErrorKind.Config, error.Kind);
        await AssertHoldsAsync(target.LiveName, SpaceB, b);
    }

    [Fact]
    public async Task SwapAsync_EmptyUntaggedLive_DroppedNotDemotedAndRollbackRefused()
    {
        await using var target = CreateTarget();
        await CreateEmptyUntaggedLiveAsync();
        var b = Records(SpaceB, 5);
        await WriteAsync(target.ShadowName(SpaceB.Id), SpaceB, b);
        Assert.Equal(new CutoverTable(target.LiveName, null, 0), (await target.InspectAsync()).Live);

        var step = await target.SwapAsync(SpaceB.Id, "job-1");

        await AssertHoldsAsync(target.LiveName, SpaceB, b);
        Assert.Null(step.DemotedSpaceId);
        Assert.Equal(target.LiveName, step.Demoted);
        Assert.Empty((await target.InspectAsync()).Others);
        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.RollbackAsync());
        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwapAsync_AfterRollback_SwapsTheShadowInAgain()
    {
        await using var target = CreateTarget();
        var (a, b) = await GivenLiveAAndShadowBAsync(target);
        await target.SwapAsync(SpaceB.Id, "job-1");
        await target.RollbackAsync();

        var step = await target.SwapAsync(SpaceB.Id, "job-2");

        await AssertHoldsAsync(target.LiveName, SpaceB, b);
        await AssertHoldsAsync(target.ShadowName(SpaceA.Id), SpaceA, a);
        Assert.Equal("job-2", step.JobId);
        AssertSameStep(step, (await target.InspectAsync()).LastStep);
    }
}
