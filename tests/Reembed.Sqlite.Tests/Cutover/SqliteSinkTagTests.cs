using Reembed.Sqlite;

namespace Reembed.Tests.Cutover;

/// <summary>The sink tags every table it writes with its space in <c>reembed_tables</c>, so an empty table still refuses another space.</summary>
public sealed class SqliteSinkTagTests : IDisposable
{
    private static readonly EmbeddingSpace SpaceA = new("tags", "model-a", 4, normalized: false);
    private static readonly EmbeddingSpace SpaceB = new("tags", "model-b", 4, normalized: false);
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task OpenAsync_NewTable_TaggedWithItsSpaceAndDimensions()
    {
        await OpenAndCloseAsync("vecs", SpaceA);

        Assert.Equal(SpaceA.Id, await _db.ScalarAsync("SELECT space FROM reembed_tables WHERE name = 'vecs'"));
        Assert.Equal(4L, await _db.ScalarAsync("SELECT dimensions FROM reembed_tables WHERE name = 'vecs'"));
        Assert.Equal(0L, await _db.ScalarAsync("SELECT count(*) FROM vecs"));
    }

    [Fact]
    public async Task OpenAsync_EmptyTableTaggedWithAnotherSpace_ConfigErrorNamingEmbedderAndBothSpaces()
    {
        await OpenAndCloseAsync("vecs", SpaceA);

        await using var sink = Sink("vecs");
        var error = await Assert.ThrowsAsync<ReembedException>(async () => await sink.OpenAsync(SpaceB, null));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal("embedder", error.Subject);
        Assert.Contains(SpaceA.Id, error.Message, StringComparison.Ordinal);
        Assert.Contains(SpaceB.Id, error.Message, StringComparison.Ordinal);
        Assert.Equal(SpaceA.Id, await _db.ScalarAsync("SELECT space FROM reembed_tables WHERE name = 'vecs'"));
    }

    [Fact]
    public async Task OpenForLookupAsync_EmptyTableTaggedWithAnotherSpace_ConfigError()
    {
        await OpenAndCloseAsync("vecs", SpaceA);

        await using var sink = Sink("vecs");
        var error = await Assert.ThrowsAsync<ReembedException>(async () => await sink.OpenForLookupAsync(SpaceB));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal("embedder", error.Subject);
    }

    [Fact]
    public async Task OpenAsync_TagLeftByATableDroppedByHand_NewTableTaggedAfresh()
    {
        await OpenAndCloseAsync("vecs", SpaceA);
        await _db.ExecuteAsync("DROP TABLE vecs");

        await OpenAndCloseAsync("vecs", SpaceB);

        Assert.Equal(SpaceB.Id, await _db.ScalarAsync("SELECT space FROM reembed_tables WHERE name = 'vecs'"));
    }

    [Fact]
    public async Task OpenAsync_TableWrittenBeforeTags_TaggedWithItsSpaceOnOpen()
    {
        await _db.ExecuteAsync("CREATE TABLE vecs (id TEXT PRIMARY KEY, vector BLOB NOT NULL, content_hash TEXT NOT NULL, space TEXT NOT NULL)");

        await OpenAndCloseAsync("vecs", SpaceA);

        Assert.Equal(SpaceA.Id, await _db.ScalarAsync("SELECT space FROM reembed_tables WHERE name = 'vecs'"));
    }

    [Fact]
    public async Task OpenAsync_TwoTables_EachTaggedWithItsOwnSpace()
    {
        await OpenAndCloseAsync("a", SpaceA);
        await OpenAndCloseAsync("b", SpaceB);

        Assert.Equal(SpaceA.Id, await _db.ScalarAsync("SELECT space FROM reembed_tables WHERE name = 'a'"));
        Assert.Equal(SpaceB.Id, await _db.ScalarAsync("SELECT space FROM reembed_tables WHERE name = 'b'"));
    }

    private VectorSink Sink(string table) => SqliteStores.CreateSink(new SqliteSinkOptions { Path = _db.Path, Table = table });

    private async Task OpenAndCloseAsync(string table, EmbeddingSpace space)
    {
        await using var sink = Sink(table);
        await sink.OpenAsync(space, null);
        await sink.CompleteAsync();
    }
}
