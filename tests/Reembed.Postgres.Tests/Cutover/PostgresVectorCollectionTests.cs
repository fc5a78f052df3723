using static Reembed.Postgres.Tests.CutoverTesting;

namespace Reembed.Postgres.Tests;

/// <summary>Reading real[] tables and columns on PostgreSQL 15 (no pgvector there).</summary>
public sealed class PostgresVectorCollectionTests
{
    [Fact]
    public async Task ReadAsync_ShadowTable_EveryVectorWithHashAndSpace()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await WriteAsync(scratch, scratch.Qualify("vecs"), SpaceA, 1200);
        await using var collection = PostgresStores.CreateCollection(Options(scratch, scratch.Qualify("vecs")));

        var vectors = await collection.ReadAsync().ToListAsync();

        Assert.Equal(1200, vectors.Count);
        Assert.Equal(1200, vectors.Select(v => v.Key).Distinct().Count());
        var seven = Assert.Single(vectors, v => v.Key == "7");
        Assert.Equal(new[] { 7f, 7.5f, -7f }, seven.Vector);
        Assert.Equal(("h7", SpaceA.Id), (seven.ContentHash, seven.SpaceId));
        Assert.False(collection.CanSearch);
        Assert.Equal(scratch.Qualify("vecs"), collection.Name);
    }

    [Fact]
    public async Task ReadAsync_InPlaceColumn_SkipsNullVectorsAndTakesSpaceFromTag()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync($"CREATE TABLE {scratch.Qualify("docs")} (id bigint PRIMARY KEY, body text)");
        await scratch.ExecuteAsync($"INSERT INTO {scratch.Qualify("docs")} SELECT i, 'b' || i FROM generate_series(1, 10) i");
        var options = SinkTesting.InPlace(scratch);
        await using (var sink = await SinkTesting.OpenAsync(options, SpaceB))
        {
            await sink.WriteAsync([SinkTesting.Record("2", 2), SinkTesting.Record("5", 5)]);
        }

        await using var collection = PostgresStores.CreateCollection(options);
        var vectors = await collection.ReadAsync().ToListAsync();

        Assert.Equal(["2", "5"], vectors.Select(v => v.Key).Order(StringComparer.Ordinal));
        Assert.All(vectors, v => Assert.Equal(SpaceB.Id, v.SpaceId));
        Assert.All(vectors, v => Assert.Equal("h" + v.Key, v.ContentHash));
    }

    [Fact]
    public async Task SearchAsync_RealArrayColumn_NotSupported()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await WriteAsync(scratch, scratch.Qualify("vecs"), SpaceA, 3);
        await using var collection = PostgresStores.CreateCollection(Options(scratch, scratch.Qualify("vecs")) );

        await Assert.ThrowsAsync<NotSupportedException>(async () => await collection.SearchAsync(new[] { 1f, 0f, 0f }, 2));
    }

    [Fact]
    public async Task ReadAsync_NoSuchTable_ConfigErrorNamingIt()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var collection = PostgresStores.CreateCollection(Options(scratch, scratch.Qualify("absent")));

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await collection.ReadAsync().ToListAsync());

        Assert.Equal("target.table", error.Subject);
        Assert.Contains("absent", error.Message, StringComparison.Ordinal);
    }
}
