using Reembed.Jsonl;
using Reembed.Testing;

namespace Reembed.Tests.Jsonl.Cutover;

/// <summary>
/// A kill at each boundary of a swap or rollback, simulated by stopping there (nothing after the boundary
/// runs, as after SIGKILL): the live name must hold one whole file throughout, and the next opener must
/// settle the step, undone before the promoting rename and finished after it.
/// </summary>
public sealed class JsonlCutoverRecoveryTests : IDisposable
{
    private static readonly EmbeddingSpace SpaceA = new("recovery", "model-a", 3, normalized: false);
    private static readonly EmbeddingSpace SpaceB = new("recovery", "model-b", 5, normalized: false);
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly List<VectorRecord> _a = Records(SpaceA, 4, 0);
    private readonly List<VectorRecord> _b = Records(SpaceB, 6, 50);

    private string LivePath => _directory.File("docs.jsonl");

    private string ShadowB => _directory.File("docs.reembed-" + SpaceB.Id + ".jsonl");

    private string DemotedA => _directory.File("docs.reembed-" + SpaceA.Id + ".jsonl");

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("swap.intent")]
    [InlineData("swap.renamed")]
    public async Task InspectAsync_SwapKilledBeforeThePromotingRename_UndoneLiveKeepsOldSpace(string point)
    {
        await GivenLiveAAndShadowBAsync();
        await KillAtAsync(point, static target => target.SwapAsync(SpaceB.Id, "job-1"));

        var state = await Target().InspectAsync();

        Assert.Equal(new CutoverTable("docs.jsonl", SpaceA.Id, 4), state.Live);
        Assert.Equal([new CutoverTable(Path.GetFileName(ShadowB), SpaceB.Id, 6)], state.Others);
        Assert.Null(state.LastStep);
        Assert.False(File.Exists(DemotedA));
        await AssertFileHoldsAsync(LivePath, SpaceA, _a);
    }

    [Fact]
    public async Task InspectAsync_SwapKilledAfterThePromotingRename_FinishedAsASwap()
    {
        await GivenLiveAAndShadowBAsync();
        await KillAtAsync("swap.promoted", static target => target.SwapAsync(SpaceB.Id, "job-1"));

        var state = await Target().InspectAsync();

        Assert.Equal(new CutoverTable("docs.jsonl", SpaceB.Id, 6), state.Live);
        Assert.Equal([new CutoverTable(Path.GetFileName(DemotedA), SpaceA.Id, 4)], state.Others);
        Assert.Equal(CutoverStep.Swap, state.LastStep?.Kind);
        Assert.Equal(_clock.GetUtcNow(), state.LastStep?.At);
        await AssertFileHoldsAsync(LivePath, SpaceB, _b);
        await AssertFileHoldsAsync(DemotedA, SpaceA, _a);
    }

    [Fact]
    public async Task InspectAsync_SwapKilledMidCopy_PartialCopyRemovedAndSwapUndone()
    {
        await GivenLiveAAndShadowBAsync();
        await KillAtAsync("swap.intent", static target => target.SwapAsync(SpaceB.Id, "job-1"));
        var partial = DemotedA + ".partial";
        await File.WriteAllTextAsync(partial, (await File.ReadAllTextAsync(LivePath))[..20]);

        var state = await Target().InspectAsync();

        Assert.False(File.Exists(partial));
        Assert.Equal(SpaceA.Id, state.Live.SpaceId);
        Assert.Single(state.Others);
        await AssertFileHoldsAsync(LivePath, SpaceA, _a);
    }

    [Theory]
    [InlineData("swap.intent")]
    [InlineData("swap.renamed")]
    [InlineData("swap.promoted")]
    public async Task SwapAsync_AfterASwapKilledAnywhere_EndsSwappedWithTheOldSpaceDemoted(string point)
    {
        await GivenLiveAAndShadowBAsync();
        await KillAtAsync(point, static target => target.SwapAsync(SpaceB.Id, "job-1"));

        // Past the promoting rename the step was finished on open, and B is live: a second swap of B is refused.
        if (point == "swap.promoted")
        {
            await Assert.ThrowsAsync<ReembedException>(async () => await Target().SwapAsync(SpaceB.Id, "job-1"));
        }
        else
        {
            await Target().SwapAsync(SpaceB.Id, "job-1");
        }

        await AssertFileHoldsAsync(LivePath, SpaceB, _b);
        await AssertFileHoldsAsync(DemotedA, SpaceA, _a);
        Assert.False(File.Exists(ShadowB));
        Assert.Equal(CutoverStep.Swap, (await Target().InspectAsync()).LastStep?.Kind);
    }

    [Theory]
    [InlineData("rollback.intent")]
    [InlineData("rollback.renamed")]
    public async Task RollbackAsync_AfterARollbackKilledBeforeThePromotingRename_UndoneThenRollsBack(string point)
    {
        await GivenLiveAAndShadowBAsync();
        var swap = await Target().SwapAsync(SpaceB.Id, "job-1");
        await KillAtAsync(point, static target => target.RollbackAsync());

        var state = await Target().InspectAsync();
        Assert.Equal(swap, state.LastStep);
        Assert.Equal(SpaceB.Id, state.Live.SpaceId);
        Assert.Equal([new CutoverTable(Path.GetFileName(DemotedA), SpaceA.Id, 4)], state.Others);

        await Target().RollbackAsync();

        await AssertFileHoldsAsync(LivePath, SpaceA, _a);
        await AssertFileHoldsAsync(ShadowB, SpaceB, _b);
        Assert.False(File.Exists(DemotedA));
    }

    [Fact]
    public async Task InspectAsync_RollbackKilledAfterThePromotingRename_FinishedAsARollback()
    {
        await GivenLiveAAndShadowBAsync();
        await Target().SwapAsync(SpaceB.Id, "job-1");
        await KillAtAsync("rollback.promoted", static target => target.RollbackAsync());

        var state = await Target().InspectAsync();

        Assert.Equal(CutoverStep.Rollback, state.LastStep?.Kind);
        Assert.Equal("job-1", state.LastStep?.JobId);
        await AssertFileHoldsAsync(LivePath, SpaceA, _a);
        await AssertFileHoldsAsync(ShadowB, SpaceB, _b);
        Assert.False(File.Exists(DemotedA));
    }

    [Fact]
    public async Task InspectAsync_SwapKilledAfterRenameAndDemotedDeletedByHand_FatalNamingTheJournal()
    {
        await GivenLiveAAndShadowBAsync();
        await KillAtAsync("swap.promoted", static target => target.SwapAsync(SpaceB.Id, "job-1"));
        File.Delete(DemotedA);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await Target().InspectAsync());

        Assert.Equal(ErrorKind.Fatal, error.Kind);
        Assert.Contains("reembed-cutover.jsonl", error.Message, StringComparison.Ordinal);
        await AssertFileHoldsAsync(LivePath, SpaceB, _b);
    }

    private JsonlCutoverTarget Target(Func<string, ValueTask>? stepReached = null) =>
        new(LivePath, _clock) { StepReached = stepReached };

    /// <summary>Runs <paramref name="step"/> until it reaches <paramref name="point"/> and stops it there; checks the live file is whole at every boundary on the way.</summary>
    private async Task KillAtAsync(string point, Func<JsonlCutoverTarget, ValueTask<CutoverStep>> step)
    {
        var reached = new List<string>();
        var target = Target(async name =>
        {
            reached.Add(name);
            var live = await JsonlRawReader.ReadAsync(LivePath);
            Assert.True(live is not null && (live.Count == _a.Count || live.Count == _b.Count), $"the live file is not whole at {name}");
            if (name == point)
            {
                throw new SimulatedKillException(name);
            }
        });

        await Assert.ThrowsAsync<SimulatedKillException>(async () => await step(target));
        Assert.Equal(point, reached[^1]);
    }

    private async Task GivenLiveAAndShadowBAsync()
    {
        await WriteAsync(LivePath, SpaceA, _a);
        await WriteAsync(ShadowB, SpaceB, _b);
    }

    private static async Task WriteAsync(string path, EmbeddingSpace space, List<VectorRecord> records)
    {
        await using var sink = JsonlStores.CreateSink(new JsonlSinkOptions { Path = path });
        await sink.OpenAsync(space, null);
        await sink.WriteAsync(records);
        await sink.CompleteAsync();
    }

    private static async Task AssertFileHoldsAsync(string path, EmbeddingSpace space, List<VectorRecord> expected)
    {
        var held = await JsonlRawReader.ReadAsync(path);
        Assert.NotNull(held);
        Assert.Equal(expected.Select(static r => r.Key).Order(StringComparer.Ordinal), held.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, r => Assert.Equal(r.Vector.ToArray(), held[r.Key].Vector));
        Assert.All(held.Values, v => Assert.Equal(space.Id, v.Space));
    }

    private static List<VectorRecord> Records(EmbeddingSpace space, int count, float seed) =>
        [.. Enumerable.Range(0, count).Select(i => new VectorRecord(
            $"r{i}", Enumerable.Range(0, space.Dimensions).Select(d => seed + i - (d * 0.25f)).ToArray(), $"h{i}"))];

    private sealed class SimulatedKillException(string point) : Exception($"killed at {point}");
}
