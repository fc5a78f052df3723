using Reembed.Testing;
using static Reembed.Postgres.Tests.CutoverTesting;

namespace Reembed.Postgres.Tests;

public sealed class PostgresCutoverTests
{
    [Fact]
    public async Task InspectAsync_NoTables_EmptyLiveNoOthersNoStep()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);

        var state = await target.InspectAsync();

        Assert.Equal(new CutoverTable(scratch.Qualify("vecs"), null, 0), state.Live);
        Assert.Empty(state.Others);
        Assert.Null(state.LastStep);
        Assert.Null(state.Superseded);
    }

    [Fact]
    public async Task InspectAsync_LiveAndShadow_SpacesAndCounts()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await WriteAsync(scratch, target.LiveName, SpaceA, 5);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 7);
        await scratch.ExecuteAsync($"CREATE TABLE {scratch.Qualify("vecs_other")} (id text)");

        var state = await target.InspectAsync();

        Assert.Equal(new CutoverTable(scratch.Qualify("vecs"), SpaceA.Id, 5), state.Live);
        Assert.Equal([new CutoverTable(scratch.Qualify("vecs__reembed_" + SpaceB.Id), SpaceB.Id, 7)], state.Others);
    }

    [Fact]
    public async Task SwapAsync_ShadowOfNewSpace_LiveHoldsItAndOldLiveDemoted()
    {
        await using var scratch = await PgScratch.CreateAsync();
        var time = new ManualTimeProvider();
        await using var target = Target(scratch, time: time);
        await WriteAsync(scratch, target.LiveName, SpaceA, 5);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 7, offset: 100);
        var shadowRows = await RowsAsync(scratch, target.ShadowName(SpaceB.Id));
        var liveRows = await RowsAsync(scratch, target.LiveName);

        var step = await target.SwapAsync(SpaceB.Id, "job-1");

        Assert.Equal(new CutoverStep(CutoverStep.Swap, "job-1", target.ShadowName(SpaceB.Id), target.ShadowName(SpaceA.Id), SpaceB.Id, SpaceA.Id, time.UtcNow), step);
        Assert.Equal(shadowRows, await RowsAsync(scratch, target.LiveName));
        Assert.Equal(liveRows, await RowsAsync(scratch, target.ShadowName(SpaceA.Id)));
        var state = await target.InspectAsync();
        Assert.Equal(new CutoverTable(target.LiveName, SpaceB.Id, 7), state.Live);
        Assert.Equal([new CutoverTable(target.ShadowName(SpaceA.Id), SpaceA.Id, 5)], state.Others);
        Assert.Equal(step, state.LastStep);
        Assert.Equal(state.Others[0], state.Superseded);
    }

    [Fact]
    public async Task SwapAsync_Twice_IndexesFollowTheirTablesAndThirdSpaceSwapsIn()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await WriteAsync(scratch, target.LiveName, SpaceA, 3);
        await scratch.ExecuteAsync($"CREATE INDEX vecs_hash_idx ON {target.LiveName} (content_hash)");
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 4);
        await target.SwapAsync(SpaceB.Id, "job-b");
        await WriteAsync(scratch, target.ShadowName(SpaceC.Id), SpaceC, 2);

        await target.SwapAsync(SpaceC.Id, "job-c");

        var indexes = await scratch.RowsAsync($"SELECT tablename, indexname FROM pg_indexes WHERE schemaname = '{scratch.Schema}' AND tablename LIKE 'vecs%' ORDER BY 1, 2");
        var a = "vecs__reembed_" + SpaceA.Id;
        var b = "vecs__reembed_" + SpaceB.Id;
        Assert.Equal(
            new[] { new[] { "vecs", "vecs_pkey" }, [a, a + "_hash_idx"], [a, a + "_pkey"], [b, b + "_pkey"] }.OrderBy(r => r[0] + " " + r[1], StringComparer.Ordinal),
            indexes.Select(r => new[] { r[0]!, r[1]! }));
        Assert.Equal(SpaceC.Id, (await target.InspectAsync()).Live.SpaceId);
    }

    [Fact]
    public async Task RollbackAsync_AfterSwap_ExactlyTheOriginalTables()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await WriteAsync(scratch, target.LiveName, SpaceA, 5);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 7, offset: 100);
        var liveRows = await RowsAsync(scratch, target.LiveName);
        var shadowRows = await RowsAsync(scratch, target.ShadowName(SpaceB.Id));
        var tables = await TablesAsync(scratch);
        var swap = await target.SwapAsync(SpaceB.Id, "job-1");

        var rollback = await target.RollbackAsync();

        Assert.Equal(new CutoverStep(CutoverStep.Rollback, "job-1", swap.Demoted, swap.Promoted, SpaceA.Id, SpaceB.Id, rollback.At), rollback);
        Assert.Equal(liveRows, await RowsAsync(scratch, target.LiveName));
        Assert.Equal(shadowRows, await RowsAsync(scratch, target.ShadowName(SpaceB.Id)));
        Assert.Equal(tables.Append("reembed_cutover").Order(StringComparer.Ordinal), await TablesAsync(scratch));
        var state = await target.InspectAsync();
        Assert.Equal(rollback, state.LastStep);
        Assert.Equal(new CutoverTable(target.ShadowName(SpaceB.Id), SpaceB.Id, 7), state.Superseded);
        Assert.Equal("vecs_pkey", await scratch.ScalarAsync<string>($"SELECT conname::text FROM pg_constraint WHERE conrelid = '{target.LiveName}'::regclass"));
    }

    [Fact]
    public async Task SwapAsync_AfterRollback_SwapsAgain()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await WriteAsync(scratch, target.LiveName, SpaceA, 5);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 7);
        await target.SwapAsync(SpaceB.Id, "job-1");
        await target.RollbackAsync();

        var again = await target.SwapAsync(SpaceB.Id, "job-2");

        Assert.Equal("job-2", again.JobId);
        Assert.Equal(new CutoverTable(target.LiveName, SpaceB.Id, 7), (await target.InspectAsync()).Live);
    }

    [Fact]
    public async Task CleanupAsync_AfterSwap_DropsTheDemotedTableOnly()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await WriteAsync(scratch, target.LiveName, SpaceA, 5);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 7);
        await target.SwapAsync(SpaceB.Id, "job-1");

        var dropped = await target.CleanupAsync();

        Assert.Equal(target.ShadowName(SpaceA.Id), dropped);
        Assert.Equal(["reembed_cutover", "vecs"], await TablesAsync(scratch));
        Assert.Null(await target.CleanupAsync());
        var refused = await Assert.ThrowsAsync<ReembedException>(async () => await target.RollbackAsync());
        Assert.Equal(ErrorKind.Config, refused.Kind);
        Assert.Contains("gone", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwapAsync_EmptyUntaggedLive_DroppedAndRollbackRefused()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await scratch.ExecuteAsync($"CREATE TABLE {target.LiveName} (id text PRIMARY KEY, embedding real[] NOT NULL, content_hash text NOT NULL, space text NOT NULL)");
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 2);

        var step = await target.SwapAsync(SpaceB.Id, "job-1");

        Assert.Equal(target.LiveName, step.Demoted);
        Assert.Null(step.DemotedSpaceId);
        Assert.Equal(["reembed_cutover", "vecs"], await TablesAsync(scratch));
        Assert.Null((await target.InspectAsync()).Superseded);
        var refused = await Assert.ThrowsAsync<ReembedException>(async () => await target.RollbackAsync());
        Assert.Equal(ErrorKind.Config, refused.Kind);
        Assert.Equal(2L, await scratch.ScalarAsync<long>($"SELECT count(*) FROM {target.LiveName}"));
    }

    [Fact]
    public async Task SwapAsync_NoLiveTableYet_ShadowBecomesLive()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 3);

        var step = await target.SwapAsync(SpaceB.Id, "job-1");

        Assert.Equal(target.LiveName, step.Demoted);
        Assert.Equal(new CutoverTable(target.LiveName, SpaceB.Id, 3), (await target.InspectAsync()).Live);
    }

    [Fact]
    public async Task SwapAsync_EmptyButTaggedLive_DemotedNotDropped()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await WriteAsync(scratch, target.LiveName, SpaceA, 0);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 3);

        var step = await target.SwapAsync(SpaceB.Id, "job-1");

        Assert.Equal(SpaceA.Id, step.DemotedSpaceId);
        Assert.Equal([new CutoverTable(target.ShadowName(SpaceA.Id), SpaceA.Id, 0)], (await target.InspectAsync()).Others);
    }
}
