using static Reembed.Postgres.Tests.ColumnCutoverTesting;
using static Reembed.Postgres.Tests.PostgresColumnCutoverTests;

namespace Reembed.Postgres.Tests;

public sealed class PostgresColumnCutoverRefusalTests
{
    [Fact]
    public async Task SwapAsync_NoShadowColumn_ConfigErrorNothingChanged()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await CreateDocsAsync(scratch, 3);
        await WriteAsync(scratch, target.LiveName, SpaceA, 3);
        var before = await SnapshotAsync(scratch);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.SwapAsync(SpaceB.Id, "job-1"));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains(target.ShadowName(SpaceB.Id), error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(scratch));
    }

    [Fact]
    public async Task SwapAsync_LiveAlreadyOfThatSpace_ConfigErrorNothingChanged()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await CreateDocsAsync(scratch, 3);
        await WriteAsync(scratch, target.LiveName, SpaceB, 3);
        await scratch.ExecuteAsync($"ALTER TABLE {scratch.Qualify("docs")} ADD COLUMN {target.ShadowName(SpaceB.Id)} real[]");
        var before = await SnapshotAsync(scratch);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.SwapAsync(SpaceB.Id, "job-1"));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains("already holds", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(scratch));
    }

    [Fact]
    public async Task SwapAsync_DemotedNameTaken_ConfigErrorNothingChanged()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await CreateDocsAsync(scratch, 3);
        await WriteAsync(scratch, target.LiveName, SpaceA, 3);
        await WriteAsync(scratch, target.ShadowName(SpaceA.Id), SpaceA, 2);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 3);
        var before = await SnapshotAsync(scratch);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.SwapAsync(SpaceB.Id, "job-1"));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(scratch));
        Assert.Null((await target.InspectAsync()).LastStep);
    }

    [Fact]
    public async Task SwapAsync_UntaggedLiveWithVectors_ConfigErrorNothingChanged()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await CreateDocsAsync(scratch, 3);
        await scratch.ExecuteAsync($"ALTER TABLE {scratch.Qualify("docs")} ADD COLUMN embedding real[]; UPDATE {scratch.Qualify("docs")} SET embedding = '{{1,2,3}}' WHERE id = '2'");
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 3);
        var before = await SnapshotAsync(scratch);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.SwapAsync(SpaceB.Id, "job-1"));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains("no known space", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(scratch));
    }

    [Fact]
    public async Task RollbackAsync_NeverSwapped_ConfigError()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await CreateDocsAsync(scratch, 2);
        await WriteAsync(scratch, target.LiveName, SpaceA, 2);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.RollbackAsync());

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains("never swapped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectAsync_TableCutoverInTheSameSchema_JournalsDoNotMix()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var columns = Target(scratch);
        await using var tables = CutoverTesting.Target(scratch, "docs_vectors");
        await CutoverTesting.WriteAsync(scratch, tables.LiveName, SpaceA, 2);
        await CutoverTesting.WriteAsync(scratch, tables.ShadowName(SpaceB.Id), SpaceB, 2);
        var tableStep = await tables.SwapAsync(SpaceB.Id, "table-job");
        await CreateDocsAsync(scratch, 2);
        await WriteAsync(scratch, columns.LiveName, SpaceA, 2);
        await WriteAsync(scratch, columns.ShadowName(SpaceC.Id), SpaceC, 2);
        Assert.Null((await columns.InspectAsync()).LastStep);

        var columnStep = await columns.SwapAsync(SpaceC.Id, "column-job");

        Assert.Equal(columnStep, (await columns.InspectAsync()).LastStep);
        Assert.Equal(tableStep, (await tables.InspectAsync()).LastStep);
        Assert.Equal(1L, await scratch.ScalarAsync<long>($"SELECT count(*) FROM {scratch.Qualify("reembed_cutover")} WHERE live = 'docs.embedding'"));
    }
}
