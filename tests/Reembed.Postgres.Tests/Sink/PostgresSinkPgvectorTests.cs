namespace Reembed.Postgres.Tests;

/// <summary>
/// Against a server with pgvector (<c>REEMBED_TEST_PGVECTOR</c>). Tables are schema-qualified
/// because PGlite ignores a connection's search path. One class, so its tests never interleave
/// on PGlite's single session. No test here forces COPY: on PGlite it hangs the one session
/// until the command times out, and every later test with it.
/// </summary>
public sealed class PostgresSinkPgvectorTests
{
    private static readonly EmbeddingSpace Space = SinkTesting.Space3;

    [Fact]
    public async Task WriteAsync_ShadowVectorByInsert_NearestNeighbourQueryable()
    {
        await using var scratch = await PgScratch.CreateAsync(pgvector: true);
        var options = Options(scratch, "vecs", PostgresVectorType.Vector, PostgresTargetShape.Shadow, PostgresLoadPath.Insert);
        await using var sink = await SinkTesting.OpenAsync(options, Space);

        await sink.WriteAsync([new("a", new[] { 1f, 0f, 0f }, "ha"), new("b", new[] { 0f, 1f, 0f }, "hb"), new("c", new[] { 0.9f, 0.1f, 0f }, "hc")]);
        await sink.WriteAsync([new("a", new[] { 1f, 0f, 0f }, "ha")]);

        var nearest = await scratch.RowsAsync($"SELECT id FROM {scratch.Qualify("vecs")} ORDER BY embedding <=> '[0,1,0.1]' LIMIT 2");
        Assert.Equal(["b", "c"], nearest.Select(r => r[0]));
        Assert.Equal("vector(3)", await ColumnTypeAsync(scratch, "vecs"));
        Assert.Equal(3L, await scratch.ScalarAsync<long>($"SELECT count(*) FROM {scratch.Qualify("vecs")}"));
        Assert.Equal(new Dictionary<string, string> { ["a"] = "ha", ["c"] = "hc" }, await SinkTesting.LookupAsync(sink, "a", "c", "z"));
    }

    [Fact]
    public async Task WriteAsync_InPlaceHalfvec_OnlyNullRowsFilledAndCosineOrderWorks()
    {
        await using var scratch = await PgScratch.CreateAsync(pgvector: true);
        await scratch.ExecuteAsync($"CREATE TABLE {scratch.Qualify("docs")} (id bigint PRIMARY KEY, body text)");
        await scratch.ExecuteAsync($"INSERT INTO {scratch.Qualify("docs")} SELECT i, 'b' || i FROM generate_series(1, 6) i");
        var options = Options(scratch, "docs", PostgresVectorType.HalfVec, PostgresTargetShape.InPlace, PostgresLoadPath.Insert);
        await using var sink = await SinkTesting.OpenAsync(options, Space);
        await sink.WriteAsync([new("2", new[] { 0f, 0f, 1f }, "h2")]);

        var found = await SinkTesting.LookupAsync(sink, "1", "2", "3", "4", "5", "6");
        await sink.WriteAsync(new[] { "1", "3", "4", "5", "6" }.Where(k => !found.ContainsKey(k)).Select(k => SinkTesting.Record(k, 1)).ToList());

        Assert.Equal("halfvec(3)", await ColumnTypeAsync(scratch, "docs"));
        Assert.Equal(["2"], found.Keys);
        Assert.Equal("[0,0,1]", await scratch.ScalarAsync<string>($"SELECT embedding::text FROM {scratch.Qualify("docs")} WHERE id = 2"));
        Assert.Equal(0L, await scratch.ScalarAsync<long>($"SELECT count(*) FROM {scratch.Qualify("docs")} WHERE embedding IS NULL"));
        var nearest = await scratch.RowsAsync($"SELECT id FROM {scratch.Qualify("docs")} ORDER BY embedding <=> '[0,0,1]'::halfvec LIMIT 1");
        Assert.Equal("2", nearest[0][0]);
    }

    [Fact]
    public async Task OpenAsync_VectorColumnOfOtherDimension_ConfigErrorNamingTableAndColumn()
    {
        await using var scratch = await PgScratch.CreateAsync(pgvector: true);
        await scratch.ExecuteAsync($"CREATE TABLE {scratch.Qualify("docs")} (id int PRIMARY KEY, emb vector(5))");
        var options = new PostgresSinkOptions
        {
            ConnectionString = scratch.ConnectionString,
            Table = scratch.Qualify("docs"),
            Shape = PostgresTargetShape.InPlace,
            VectorColumn = "emb",
            LoadPath = PostgresLoadPath.Insert,
        };

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await SinkTesting.OpenAsync(options, Space));

        Assert.Equal("embedder", error.Subject);
        Assert.Contains($"column 'emb' of table '{scratch.Schema}.docs' is vector(5)", error.Message, StringComparison.Ordinal);
        Assert.Equal(2L, await scratch.ScalarAsync<long>($"SELECT count(*) FROM pg_attribute WHERE attrelid = '{scratch.Qualify("docs")}'::regclass AND attnum > 0"));
    }

    [Fact]
    public async Task WriteAsync_AutoLoadPath_WritesWithoutHangingThisServer()
    {
        await using var scratch = await PgScratch.CreateAsync(pgvector: true);
        var options = Options(scratch, "vecs", PostgresVectorType.Vector, PostgresTargetShape.Shadow, PostgresLoadPath.Auto);
        await using var sink = await SinkTesting.OpenAsync(options, Space);
        var pglite = await scratch.ScalarAsync<string>("SELECT version()");

        await sink.WriteAsync(SinkTesting.Batch(40));
        await sink.WriteAsync(SinkTesting.Batch(60, 1));

        Assert.Equal(!pglite.Contains("PGlite", StringComparison.Ordinal), sink.UsesCopy);
        Assert.Equal(60L, await scratch.ScalarAsync<long>($"SELECT count(*) FROM {scratch.Qualify("vecs")}"));
        Assert.Equal("[2,2.5,-2]", await scratch.ScalarAsync<string>($"SELECT embedding::text FROM {scratch.Qualify("vecs")} WHERE id = '1'"));
    }

    private static PostgresSinkOptions Options(PgScratch scratch, string table, PostgresVectorType type, PostgresTargetShape shape, PostgresLoadPath load) => new()
    {
        ConnectionString = scratch.ConnectionString,
        Table = scratch.Qualify(table),
        VectorType = type,
        Shape = shape,
        LoadPath = load,
    };

    private static Task<string> ColumnTypeAsync(PgScratch scratch, string table) => scratch.ScalarAsync<string>(
        $"SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '{scratch.Qualify(table)}'::regclass AND attname = 'embedding'");
}
