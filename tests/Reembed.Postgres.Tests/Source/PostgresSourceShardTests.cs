namespace Reembed.Postgres.Tests;

public sealed class PostgresSourceShardTests
{
    [Theory]
    [InlineData("bigint", "(i * 13 + (i % 5) * 1000)::bigint")]
    [InlineData("uuid", "md5(i::text)::uuid")]
    [InlineData("text", "'k' || (i * 31 % 997)")]
    public async Task GetShardsAsync_ManyRows_ShardsCoverEveryRowExactlyOnce(string idType, string idExpression)
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync($"CREATE TABLE docs (id {idType} PRIMARY KEY, title text)");
        await scratch.ExecuteAsync($"INSERT INTO docs SELECT {idExpression}, 't' || i FROM generate_series(1, 250) i");
        await using var source = await SourceTesting.OpenAsync(SourceTesting.Options(scratch, "docs"), pageSize: 7, rowsPerShard: 40);

        var shards = await source.GetShardsAsync();
        var perShard = new List<List<SourceRecord>>();
        foreach (var shard in shards)
        {
            perShard.Add(await SourceTesting.ReadShardAsync(source, shard));
        }

        var keys = perShard.SelectMany(s => s.Select(r => r.Key)).ToList();
        var expected = (await scratch.RowsAsync($"SELECT id::text FROM {scratch.Qualify("docs")}")).Select(r => r[0]!).ToList();
        Assert.Equal(7, shards.Count);
        Assert.Equal(expected.Count, keys.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        Assert.All(perShard, s => Assert.InRange(s.Count, 20, 60));
    }

    [Fact]
    public async Task ReadAsync_ResumeInsideLaterShard_StaysInsideThatShard()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync("CREATE TABLE docs (id int PRIMARY KEY, title text)");
        await scratch.ExecuteAsync("INSERT INTO docs SELECT i, 't' FROM generate_series(1, 100) i");
        await using var source = await SourceTesting.OpenAsync(SourceTesting.Options(scratch, "docs"), pageSize: 6, rowsPerShard: 30);
        var shards = await source.GetShardsAsync();
        var second = await SourceTesting.ReadShardAsync(source, shards[1]);

        var resumed = await SourceTesting.ReadShardAsync(source, shards[1], second[4].Cursor);

        Assert.Equal(second.Skip(5).Select(r => r.Key), resumed.Select(r => r.Key));
        Assert.DoesNotContain(resumed, r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture) > int.Parse(second[^1].Key, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task GetShardsAsync_FewRows_OneShard()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync("CREATE TABLE docs (id int PRIMARY KEY, title text)");
        await scratch.ExecuteAsync("INSERT INTO docs SELECT i, 't' FROM generate_series(1, 10) i");
        await using var source = await SourceTesting.OpenAsync(SourceTesting.Options(scratch, "docs"));

        var shard = Assert.Single(await source.GetShardsAsync());

        Assert.Equal(10, (await SourceTesting.ReadShardAsync(source, shard)).Count);
    }
}
