using Reembed.Postgres.Sink;
using Reembed.Testing;
using static Reembed.Postgres.Tests.ColumnCutoverTesting;

namespace Reembed.Postgres.Tests;

public sealed class PostgresColumnCutoverTests
{
    [Fact]
    public async Task ShadowName_InPlaceSinkWritesIt_ColumnAndHashCreatedAndTagged()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await CreateDocsAsync(scratch, 4);
        await WriteAsync(scratch, target.LiveName, SpaceA, 4);

        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 3, offset: 1000);

        var shadow = target.ShadowName(SpaceB.Id);
        Assert.Equal("embedding__reembed_" + SpaceB.Id, shadow);
        Assert.Equal(["embedding", shadow, shadow + "_hash", "embedding_hash", "id", "title"], await ColumnsAsync(scratch));
        var tag = await scratch.ScalarAsync<string>($"SELECT col_description('{scratch.Qualify("docs")}'::regclass, attnum) FROM pg_attribute WHERE attrelid = '{scratch.Qualify("docs")}'::regclass AND attname = '{shadow}'");
        Assert.Equal(SpaceB.Id, PgSpaceTag.Read(tag));
        var rows = await RowsAsync(scratch, shadow);
        Assert.Equal(new[] { "1", "{1001,0.5,-1}", SpaceB.Id + ":1" }, rows[0]);
        Assert.Equal(new[] { "4", null, null }, rows[3]);
        Assert.Equal(4L, await scratch.ScalarAsync<long>($"SELECT count(embedding) FROM {scratch.Qualify("docs")}"));
    }

    [Fact]
    public async Task InspectAsync_LiveAndShadowColumns_SpacesAndNonNullCounts()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await CreateDocsAsync(scratch, 6);
        Assert.Equal(new CutoverTable("embedding", null, 0), (await target.InspectAsync()).Live);
        await WriteAsync(scratch, target.LiveName, SpaceA, 5);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 4);
        await scratch.ExecuteAsync($"ALTER TABLE {scratch.Qualify("docs")} ADD COLUMN embedding_other real[]");

        var state = await target.InspectAsync();

        Assert.Equal(new CutoverTable("embedding", SpaceA.Id, 5), state.Live);
        Assert.Equal([new CutoverTable(target.ShadowName(SpaceB.Id), SpaceB.Id, 4)], state.Others);
        Assert.Null(state.LastStep);
    }

    [Fact]
    public async Task SwapAsync_ShadowColumnOfNewSpace_LiveNameServesItsVectorsAndHashes()
    {
        await using var scratch = await PgScratch.CreateAsync();
        var time = new ManualTimeProvider();
        await using var target = Target(scratch, time);
        await CreateDocsAsync(scratch, 6);
        await WriteAsync(scratch, target.LiveName, SpaceA, 5);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 6, offset: 1000);
        var liveRows = await RowsAsync(scratch, "embedding");
        var shadowRows = await RowsAsync(scratch, target.ShadowName(SpaceB.Id));

        var step = await target.SwapAsync(SpaceB.Id, "job-1");

        Assert.Equal(new CutoverStep(CutoverStep.Swap, "job-1", target.ShadowName(SpaceB.Id), target.ShadowName(SpaceA.Id), SpaceB.Id, SpaceA.Id, time.UtcNow), step);
        Assert.Equal(shadowRows, await RowsAsync(scratch, "embedding"));
        Assert.Equal(liveRows, await RowsAsync(scratch, target.ShadowName(SpaceA.Id)));
        var state = await target.InspectAsync();
        Assert.Equal(new CutoverTable("embedding", SpaceB.Id, 6), state.Live);
        Assert.Equal([new CutoverTable(target.ShadowName(SpaceA.Id), SpaceA.Id, 5)], state.Others);
        Assert.Equal(step, state.LastStep);
        Assert.Equal(state.Others[0], state.Superseded);
    }

    [Fact]
    public async Task RollbackAsync_AfterSwap_ExactlyTheOriginalColumns()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await CreateDocsAsync(scratch, 5);
        await WriteAsync(scratch, target.LiveName, SpaceA, 5);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 4, offset: 1000);
        var before = await SnapshotAsync(scratch);
        var swap = await target.SwapAsync(SpaceB.Id, "job-1");

        var rollback = await target.RollbackAsync();

        Assert.Equal(new CutoverStep(CutoverStep.Rollback, "job-1", swap.Demoted, swap.Promoted, SpaceA.Id, SpaceB.Id, rollback.At), rollback);
        Assert.Equal(before, await SnapshotAsync(scratch));
        var state = await target.InspectAsync();
        Assert.Equal(rollback, state.LastStep);
        Assert.Equal(new CutoverTable(target.ShadowName(SpaceB.Id), SpaceB.Id, 4), state.Superseded);
        Assert.Equal("job-2", (await target.SwapAsync(SpaceB.Id, "job-2")).JobId);
    }

    [Fact]
    public async Task CleanupAsync_AfterSwap_DropsTheDemotedColumnAndItsHash()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await CreateDocsAsync(scratch, 3);
        await WriteAsync(scratch, target.LiveName, SpaceA, 3);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 3, offset: 1000);
        await target.SwapAsync(SpaceB.Id, "job-1");

        var dropped = await target.CleanupAsync();

        Assert.Equal(target.ShadowName(SpaceA.Id), dropped);
        Assert.Equal(["embedding", "embedding_hash", "id", "title"], await ColumnsAsync(scratch));
        Assert.Null(await target.CleanupAsync());
        var refused = await Assert.ThrowsAsync<ReembedException>(async () => await target.RollbackAsync());
        Assert.Equal(ErrorKind.Config, refused.Kind);
        Assert.Contains("gone", refused.Message, StringComparison.Ordinal);
        Assert.Equal(SpaceB.Id + ":2", (await RowsAsync(scratch, "embedding"))[1][2]);
    }

    [Fact]
    public async Task SwapAsync_EmptyUntaggedLiveColumn_DroppedAndRollbackRefused()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await CreateDocsAsync(scratch, 3);
        await scratch.ExecuteAsync($"ALTER TABLE {scratch.Qualify("docs")} ADD COLUMN embedding real[], ADD COLUMN embedding_hash text");
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 2);

        var step = await target.SwapAsync(SpaceB.Id, "job-1");

        Assert.Equal("embedding", step.Demoted);
        Assert.Null(step.DemotedSpaceId);
        Assert.Equal(["embedding", "embedding_hash", "id", "title"], await ColumnsAsync(scratch));
        Assert.Null((await target.InspectAsync()).Superseded);
        var refused = await Assert.ThrowsAsync<ReembedException>(async () => await target.RollbackAsync());
        Assert.Equal(ErrorKind.Config, refused.Kind);
        Assert.Equal(new CutoverTable("embedding", SpaceB.Id, 2), (await target.InspectAsync()).Live);
    }

    [Fact]
    public async Task SwapAsync_IndexOnShadowColumn_ServesTheLiveNameAndTakesItsName()
    {
        // PG15 has no pgvector here: a btree stands in for the hnsw index, under the name the sink would give it.
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await CreateDocsAsync(scratch, 3);
        await WriteAsync(scratch, target.LiveName, SpaceA, 3);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 3, offset: 1000);
        var liveIndex = PgIndexSpec.NameFor("docs", "embedding", "hnsw");
        var shadowIndex = PgIndexSpec.NameFor("docs", target.ShadowName(SpaceB.Id), "hnsw");
        var demotedIndex = PgIndexSpec.NameFor("docs", target.ShadowName(SpaceA.Id), "hnsw");
        await scratch.ExecuteAsync($"CREATE INDEX {liveIndex} ON {scratch.Qualify("docs")} (embedding)");
        await scratch.ExecuteAsync($"CREATE INDEX {shadowIndex} ON {scratch.Qualify("docs")} ({target.ShadowName(SpaceB.Id)})");
        var shadowIndexOid = await scratch.ScalarAsync<uint>($"SELECT '{scratch.Schema}.{shadowIndex}'::regclass::oid");

        await target.SwapAsync(SpaceB.Id, "job-1");

        var indexes = await scratch.RowsAsync(
            "SELECT c.relname::text, a.attname::text, c.oid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] "
            + $"WHERE i.indrelid = '{scratch.Qualify("docs")}'::regclass AND NOT i.indisprimary ORDER BY 1");
        Assert.Equal(
            new[] { new[] { demotedIndex, target.ShadowName(SpaceA.Id) }, [liveIndex, "embedding"] }.OrderBy(r => r[0], StringComparer.Ordinal),
            indexes.Select(r => new[] { r[0]!, r[1]! }));
        Assert.Equal(shadowIndexOid.ToString(System.Globalization.CultureInfo.InvariantCulture), indexes.Single(r => r[0] == liveIndex)[2]);
    }

    /// <summary>The table as a reader sees it: columns, every value, and the vector columns' comments.</summary>
    internal static async Task<List<string?[]>> SnapshotAsync(PgScratch scratch)
    {
        var columns = await ColumnsAsync(scratch);
        var rows = await scratch.RowsAsync($"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\"::text"))} FROM {scratch.Qualify("docs")} ORDER BY id");
        var comments = await scratch.RowsAsync(
            $"SELECT attname::text, col_description(attrelid, attnum) FROM pg_attribute WHERE attrelid = '{scratch.Qualify("docs")}'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attname");
        return [columns.ToArray<string?>(), .. rows, .. comments];
    }
}
