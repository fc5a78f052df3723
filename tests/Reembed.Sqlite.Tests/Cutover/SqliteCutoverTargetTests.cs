using Reembed.Sqlite;

namespace Reembed.Tests.Cutover;

/// <summary>What the sqlite cut-over does beyond the conformance suite: the schema it leaves, views, shared files, old tables.</summary>
public sealed class SqliteCutoverTargetTests : IDisposable
{
    private static readonly EmbeddingSpace SpaceA = new("sqlite", "model-a", 2, normalized: false);
    private static readonly EmbeddingSpace SpaceB = new("sqlite", "model-b", 3, normalized: false);
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void ShadowName_LiveTable_DoubleUnderscoreReembedAndSpace()
    {
        var target = Target("docs");

        Assert.Equal("docs", target.LiveName);
        Assert.Equal("docs__reembed_" + SpaceA.Id, target.ShadowName(SpaceA.Id));
        Assert.Throws<ArgumentException>(() => target.ShadowName("not-a-space"));
    }

    [Fact]
    public async Task SwapAsync_ViewOverTheLiveName_ReadsTheNewLiveTableAfterwards()
    {
        var target = Target("docs");
        await WriteAsync("docs", SpaceA, 2);
        await WriteAsync(target.ShadowName(SpaceB.Id), SpaceB, 5);
        await _db.ExecuteAsync("CREATE VIEW docs_view AS SELECT id, space FROM docs");

        await target.SwapAsync(SpaceB.Id, "job-1");

        Assert.Equal(5L, await _db.ScalarAsync("SELECT count(*) FROM docs_view"));
        Assert.Equal(SpaceB.Id, await _db.ScalarAsync("SELECT DISTINCT space FROM docs_view"));
    }

    [Fact]
    public async Task SwapAsync_Done_TagsFollowTheTablesAndTheJournalHasOneRow()
    {
        var target = Target("docs");
        await WriteAsync("docs", SpaceA, 2);
        await WriteAsync(target.ShadowName(SpaceB.Id), SpaceB, 5);

        await target.SwapAsync(SpaceB.Id, "job-9");

        Assert.Equal(SpaceB.Id, await _db.ScalarAsync("SELECT space FROM reembed_tables WHERE name = 'docs'"));
        Assert.Equal(3L, await _db.ScalarAsync("SELECT dimensions FROM reembed_tables WHERE name = 'docs'"));
        Assert.Equal(SpaceA.Id, await _db.ScalarAsync($"SELECT space FROM reembed_tables WHERE name = '{target.ShadowName(SpaceA.Id)}'"));
        Assert.Equal(2L, await _db.ScalarAsync("SELECT count(*) FROM reembed_tables"));
        Assert.Equal("swap|job-9|" + SpaceA.Id, await _db.ScalarAsync("SELECT kind || '|' || job_id || '|' || demoted_space FROM reembed_cutover"));
    }

    [Fact]
    public async Task SwapAsync_LiveWrittenBeforeTags_DemotedAndTaggedFromItsRows()
    {
        var target = Target("docs");
        await WriteAsync("docs", SpaceA, 2);
        await _db.ExecuteAsync("DELETE FROM reembed_tables");
        await WriteAsync(target.ShadowName(SpaceB.Id), SpaceB, 5);
        Assert.Equal(new CutoverTable("docs", SpaceA.Id, 2), (await target.InspectAsync()).Live);

        var step = await target.SwapAsync(SpaceB.Id, "job-1");

        Assert.Equal(SpaceA.Id, step.DemotedSpaceId);
        Assert.Equal(2L, await _db.ScalarAsync($"SELECT dimensions FROM reembed_tables WHERE name = '{target.ShadowName(SpaceA.Id)}'"));
        await target.RollbackAsync();
        Assert.Equal(new CutoverTable("docs", SpaceA.Id, 2), (await target.InspectAsync()).Live);
    }

    [Fact]
    public async Task SwapAsync_TwoLiveTablesInOneFile_EachSeesOnlyItsOwnStepsAndShadows()
    {
        var docs = Target("docs");
        var notes = Target("notes");
        await WriteAsync("docs", SpaceA, 2);
        await WriteAsync(docs.ShadowName(SpaceB.Id), SpaceB, 5);
        await WriteAsync("notes", SpaceA, 1);
        await WriteAsync(notes.ShadowName(SpaceB.Id), SpaceB, 1);

        await docs.SwapAsync(SpaceB.Id, "job-1");

        var state = await notes.InspectAsync();
        Assert.Null(state.LastStep);
        Assert.Equal(new CutoverTable("notes", SpaceA.Id, 1), state.Live);
        Assert.Equal([new CutoverTable(notes.ShadowName(SpaceB.Id), SpaceB.Id, 1)], state.Others);
        var error = await Assert.ThrowsAsync<ReembedException>(async () => await notes.RollbackAsync());
        Assert.Equal(ErrorKind.Config, error.Kind);
    }

    [Fact]
    public async Task InspectAsync_NoDatabaseFile_LiveAbsentAndFileNotCreated()
    {
        var state = await Target("docs").InspectAsync();

        Assert.Equal(new CutoverTable("docs", null, 0), state.Live);
        Assert.False(File.Exists(_db.Path));
    }

    [Fact]
    public void CreateCutover_EmptyTableName_ConfigErrorNamingTheKey()
    {
        var error = Assert.Throws<ReembedException>(() => Target(""));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal("target.table", error.Subject);
    }

    private CutoverTarget Target(string table) => SqliteStores.CreateCutover(new SqliteSinkOptions { Path = _db.Path, Table = table }, TimeProvider.System);

    private async Task WriteAsync(string table, EmbeddingSpace space, int count)
    {
        await using var sink = SqliteStores.CreateSink(new SqliteSinkOptions { Path = _db.Path, Table = table });
        await sink.OpenAsync(space, null);
        await sink.WriteAsync([.. Enumerable.Range(0, count).Select(i => new VectorRecord($"k{i}", Enumerable.Repeat(i + 0.5f, space.Dimensions).ToArray(), $"h{i}"))]);
        await sink.CompleteAsync();
    }
}
