using Reembed.Sqlite;
using static Reembed.Tests.SourceReading;

namespace Reembed.Tests;

public sealed class SqliteSourceShardTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task GetShardsAsync_250kRows_ThreeShardsCoverEveryRowExactlyOnce()
    {
        const int Rows = 250_000;
        await _db.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
        await _db.InsertManyAsync("INSERT INTO t VALUES ($p0, 'x')", Rows, i => [(i * 3L) - 1000]);
        await using var source = await OpenAsync(Options(_db, "t", "{body}"));

        var shards = await source.GetShardsAsync();
        var perShard = new List<List<SourceRecord>>();
        foreach (var shard in shards)
        {
            perShard.Add(await ReadAsync(source, shard, null));
        }

        Assert.Equal(3, shards.Count);
        Assert.Equal(["0", "1", "2"], shards.Select(s => s.Id));
        var keys = perShard.SelectMany(r => r).Select(r => long.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Rows, keys.Count);
        Assert.Equal(Enumerable.Range(0, Rows).Select(i => (i * 3L) - 1000), keys);
        Assert.All(perShard, s => Assert.InRange(s.Count, 83_000, 84_000));
        Assert.Equal(Rows, await source.CountAsync());
    }

    [Fact]
    public async Task GetShardsAsync_SmallTable_OneUnboundedShard()
    {
        await _db.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
        await using var source = await OpenAsync(Options(_db, "t", "{body}"));

        var shard = Assert.Single(await source.GetShardsAsync());

        Assert.Equal("""{"after":null,"upTo":null}""", shard.Descriptor);
    }

    [Theory]
    [InlineData(null, "6,7,8,9,10")]
    [InlineData("i:2", "6,7,8,9,10")]
    [InlineData("i:7", "8,9,10")]
    [InlineData("i:10", "")]
    public async Task ReadAsync_BoundedShard_ReadsAfterTheLaterOfStartAndCursorUpToEnd(string? afterCursor, string expected)
    {
        await _db.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
        await _db.InsertManyAsync("INSERT INTO t VALUES ($p0, 'x')", 20, i => [i]);
        await using var source = await OpenAsync(Options(_db, "t", "{body}"), pageSize: 2);
        var shard = new ShardInfo("1", new SqliteShardRange("i:5", "i:10").ToDescriptor());

        var records = await ReadAsync(source, shard, afterCursor);

        Assert.Equal(expected, string.Join(',', records.Select(r => r.Key)));
    }
}
