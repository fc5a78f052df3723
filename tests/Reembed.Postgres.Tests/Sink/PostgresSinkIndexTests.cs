using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Reembed.Postgres.Tests;

/// <summary>
/// Index builds and deferral against pgvector (PGlite, which runs CREATE/DROP INDEX CONCURRENTLY as on any
/// server). Tables are schema-qualified and no test sets a session variable: PGlite serves every connection
/// from one session.
/// </summary>
public sealed class PostgresSinkIndexTests
{
    private static readonly EmbeddingSpace Space = SinkTesting.Space3;

    [Fact]
    public async Task CompleteAsync_ShadowWithHnsw_IndexBuiltAfterLoadAndNearestNeighboursFound()
    {
        await using var scratch = await PgScratch.CreateAsync(pgvector: true);
        var options = Options(scratch, "vecs", PostgresTargetShape.Shadow, new PostgresIndexOptions { Kind = "hnsw", M = 8, EfConstruction = 32 });
        var records = Circle(120);
        await using var sink = await SinkTesting.OpenAsync(options, Space);
        await sink.WriteAsync(records);
        var before = await IndexesAsync(scratch, "vecs");

        await sink.CompleteAsync();

        Assert.DoesNotContain(before, d => d.Contains("hnsw", StringComparison.Ordinal));
        var index = Assert.Single(await IndexesAsync(scratch, "vecs"), d => d.Contains("USING hnsw", StringComparison.Ordinal));
        Assert.Contains("(embedding vector_cosine_ops) WITH (m='8', ef_construction='32')", index, StringComparison.Ordinal);
        float[] query = [0.8f, 0.6f, 0.1f];
        var nearest = await scratch.RowsAsync($"SELECT id FROM {scratch.Qualify("vecs")} ORDER BY embedding <=> '[0.8,0.6,0.1]' LIMIT 5");
        Assert.Equal(NearestByCosine(records, query, 5), nearest.Select(r => r[0]));
    }

    [Fact]
    public async Task CompleteAsync_ShadowWithIvfflatLists_IndexBuiltWithThoseLists()
    {
        await using var scratch = await PgScratch.CreateAsync(pgvector: true);
        var options = Options(scratch, "vecs", PostgresTargetShape.Shadow, new PostgresIndexOptions { Kind = "ivfflat", Ops = "vector_ip_ops", Lists = 4 });
        await using var sink = await SinkTesting.OpenAsync(options, Space);
        await sink.WriteAsync(Circle(80));

        await sink.CompleteAsync();
        await sink.CompleteAsync();

        var index = Assert.Single(await IndexesAsync(scratch, "vecs"), d => d.Contains("USING ivfflat", StringComparison.Ordinal));
        Assert.Contains("(embedding vector_ip_ops) WITH (lists='4')", index, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_InPlaceDeferIndex_DroppedForLoadAndRecreatedAtCompletion()
    {
        await using var scratch = await PgScratch.CreateAsync(pgvector: true);
        var docs = scratch.Qualify("docs");
        await scratch.ExecuteAsync($"CREATE TABLE {docs} (id bigint PRIMARY KEY, body text, embedding vector(3), embedding_hash text)");
        await scratch.ExecuteAsync($"INSERT INTO {docs} SELECT i, 'b' || i, NULL, NULL FROM generate_series(1, 60) i");
        await scratch.ExecuteAsync($"CREATE INDEX docs_ann ON {docs} USING hnsw (embedding vector_ip_ops) WITH (m = 6)");
        var original = Assert.Single(await IndexesAsync(scratch, "docs"), d => d.Contains("hnsw", StringComparison.Ordinal));
        var options = Options(scratch, "docs", PostgresTargetShape.InPlace, index: null, deferIndex: true);

        await using (var crashed = await SinkTesting.OpenAsync(options, Space))
        {
            await crashed.WriteAsync(SinkTesting.Batch(30));
        }

        var duringLoad = await IndexesAsync(scratch, "docs");
        var ledger = await scratch.RowsAsync($"SELECT index_name, definition FROM {scratch.Qualify("reembed_deferred_index")}");
        await using (var resumed = await SinkTesting.OpenAsync(options, Space))
        {
            await resumed.WriteAsync(SinkTesting.Batch(60));
            await resumed.CompleteAsync();
        }

        Assert.DoesNotContain(duringLoad, d => d.Contains("hnsw", StringComparison.Ordinal));
        Assert.Equal(new string?[] { "docs_ann", original }, Assert.Single(ledger));
        Assert.Equal(original, Assert.Single(await IndexesAsync(scratch, "docs"), d => d.Contains("hnsw", StringComparison.Ordinal)));
        Assert.True(await scratch.ScalarAsync<bool>($"SELECT indisvalid FROM pg_index WHERE indexrelid = '{scratch.Schema}.docs_ann'::regclass"));
        Assert.False(await scratch.ScalarAsync<bool>($"SELECT to_regclass('{scratch.Qualify("reembed_deferred_index")}') IS NOT NULL"));
        Assert.Equal(0L, await scratch.ScalarAsync<long>($"SELECT count(*) FROM {docs} WHERE embedding IS NULL"));
    }

    [Fact]
    public async Task OpenAsync_InPlaceLiveIndexWithoutDefer_WarnsAndKeepsIt()
    {
        await using var scratch = await PgScratch.CreateAsync(pgvector: true);
        var docs = scratch.Qualify("docs");
        await scratch.ExecuteAsync($"CREATE TABLE {docs} (id bigint PRIMARY KEY, embedding vector(3))");
        await scratch.ExecuteAsync($"CREATE INDEX docs_ivf ON {docs} USING ivfflat (embedding vector_l2_ops) WITH (lists = 2)");
        var logger = new ListLogger();

        await using (var sink = PostgresStores.CreateSink(Options(scratch, "docs", PostgresTargetShape.InPlace, index: null), logger))
        {
            await sink.OpenAsync(Space, null);
        }

        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning).Message;
        Assert.Contains("ivfflat index docs_ivf", warning, StringComparison.Ordinal);
        Assert.Contains("target.deferIndex", warning, StringComparison.Ordinal);
        Assert.Contains(await IndexesAsync(scratch, "docs"), d => d.Contains("docs_ivf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenAsync_OperatorClassTheServerLacks_ConfigErrorListingTheRealOnes()
    {
        await using var scratch = await PgScratch.CreateAsync(pgvector: true);
        var options = Options(scratch, "vecs", PostgresTargetShape.Shadow, new PostgresIndexOptions { Ops = "vector_hamming_ops" });

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await SinkTesting.OpenAsync(options, Space));

        Assert.Equal("target.index.ops", error.Subject);
        Assert.Contains("vector_cosine_ops", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Unit vectors around a circle in the xy plane, with a small z that varies.</summary>
    private static List<VectorRecord> Circle(int count) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var angle = 2 * Math.PI * i / count;
            return new VectorRecord(
                i.ToString(CultureInfo.InvariantCulture),
                new[] { (float)Math.Cos(angle), (float)Math.Sin(angle), (i % 7) / 20f },
                "h" + i);
        })];

    private static string[] NearestByCosine(IEnumerable<VectorRecord> records, float[] query, int count) =>
        [.. records.OrderBy(r => 1 - Cosine(r.Vector.Span, query)).Take(count).Select(r => r.Key)];

    private static double Cosine(ReadOnlySpan<float> a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < b.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }

    private static async Task<List<string>> IndexesAsync(PgScratch scratch, string table) =>
        [.. (await scratch.RowsAsync($"SELECT indexdef FROM pg_indexes WHERE schemaname = '{scratch.Schema}' AND tablename = '{table}' ORDER BY indexname")).Select(r => r[0]!)];

    private static PostgresSinkOptions Options(PgScratch scratch, string table, PostgresTargetShape shape, PostgresIndexOptions? index, bool deferIndex = false) => new()
    {
        ConnectionString = scratch.ConnectionString,
        Table = scratch.Qualify(table),
        Shape = shape,
        VectorType = PostgresVectorType.Vector,
        LoadPath = PostgresLoadPath.Insert,
        Index = index,
        DeferIndex = deferIndex,
    };
}
