using Reembed.Sqlite;
using static Reembed.Tests.SourceReading;

namespace Reembed.Tests;

public sealed class SqliteSourceTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task ReadAsync_IntegerIds_YieldsRecordsInNumericOrderAcrossPages()
    {
        await _db.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, title TEXT, body TEXT)");
        var ids = Enumerable.Range(1, 25).ToArray();
        new Random(7).Shuffle(ids);
        await _db.InsertManyAsync("INSERT INTO t VALUES ($p0, $p1, $p2)", ids.Length, i => [ids[i], $"title {ids[i]}", $"body {ids[i]}"]);
        await using var source = await OpenAsync(Options(_db, "t", "{title}: {body}"), pageSize: 7);

        var records = await ReadAllAsync(source);

        Assert.Equal(Enumerable.Range(1, 25).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), records.Select(r => r.Key));
        Assert.Equal("title 10: body 10", records[9].Text);
        Assert.Equal("i:10", records[9].Cursor);
        Assert.Equal("id 10", records[9].Locator);
        Assert.All(records, r => Assert.Null(r.Failure));
    }

    [Fact]
    public async Task ReadAsync_TextIds_YieldsRecordsInBinaryOrder()
    {
        await _db.ExecuteAsync("CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT)");
        string[] ids = ["b", "a", "B", "é", "aa"];
        await _db.InsertManyAsync("INSERT INTO t VALUES ($p0, $p1)", ids.Length, i => [ids[i], "text " + ids[i]]);
        await using var source = await OpenAsync(Options(_db, "t", "{body}"), pageSize: 2);

        var records = await ReadAllAsync(source);

        Assert.Equal(["B", "a", "aa", "b", "é"], records.Select(r => r.Key));
        Assert.Equal("text é", records[4].Text);
        Assert.Equal("s:aa", records[2].Cursor);
    }

    [Fact]
    public async Task ReadAsync_MixedIdTypes_OrdersNumbersTextBlobsAndResumesAtEachCursor()
    {
        await _db.ExecuteAsync("CREATE TABLE t (id, body TEXT)");
        object[] ids = [3L, "x", 1.5, new byte[] { 0x01, 0xff }, "10", 2L];
        await _db.InsertManyAsync("INSERT INTO t VALUES ($p0, 'b')", ids.Length, i => [ids[i]]);
        await using var source = await OpenAsync(Options(_db, "t", "{body}"), pageSize: 2);
        var shard = Assert.Single(await source.GetShardsAsync());

        var records = await ReadAsync(source, shard, null);

        Assert.Equal(["1.5", "2", "3", "10", "x", "01ff"], records.Select(r => r.Key));
        Assert.Equal(["r:1.5", "i:2", "i:3", "s:10", "s:x", "b:01ff"], records.Select(r => r.Cursor));
        for (var i = 0; i < records.Count; i++)
        {
            var rest = await ReadAsync(source, shard, records[i].Cursor);
            Assert.Equal(records.Skip(i + 1).Select(r => r.Key), rest.Select(r => r.Key));
        }
    }

    [Fact]
    public async Task ReadAsync_NocaseTextIds_PagesAndResumesByTheColumnCollation()
    {
        await _db.ExecuteAsync("CREATE TABLE t (id TEXT COLLATE NOCASE PRIMARY KEY, body TEXT)");
        await _db.ExecuteAsync("INSERT INTO t VALUES ('c', 'x'), ('B', 'x'), ('D', 'x'), ('a', 'x')");
        await using var source = await OpenAsync(Options(_db, "t", "{body}"), pageSize: 1);
        var shard = new ShardInfo("0", new SqliteShardRange("s:a", null).ToDescriptor());

        var all = await ReadAllAsync(source);
        var resumed = await ReadAsync(source, shard, "s:B");

        Assert.Equal(["a", "B", "c", "D"], all.Select(r => r.Key));
        Assert.Equal(["c", "D"], resumed.Select(r => r.Key));
    }

    [Fact]
    public async Task ReadAsync_WhereClause_ReadsAndCountsOnlyMatchingRows()
    {
        await _db.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, lang TEXT, body TEXT)");
        await _db.InsertManyAsync("INSERT INTO t VALUES ($p0, $p1, 'x')", 10, i => [i, i % 2 == 0 ? "en" : "de"]);
        await using var source = await OpenAsync(Options(_db, "t", "{body}", where: "lang = 'en' -- english only"), pageSize: 2);

        var records = await ReadAllAsync(source);

        Assert.Equal(["0", "2", "4", "6", "8"], records.Select(r => r.Key));
        Assert.Equal(5, await source.CountAsync());
    }

    [Fact]
    public async Task ReadAsync_AfterCursor_ResumesAfterThatRecord()
    {
        await _db.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
        await _db.InsertManyAsync("INSERT INTO t VALUES ($p0, 'x')", 10, i => [i * 10]);
        await using var source = await OpenAsync(Options(_db, "t", "{body}"), pageSize: 3);
        var shard = Assert.Single(await source.GetShardsAsync());

        var records = await ReadAsync(source, shard, "i:40");

        Assert.Equal(["50", "60", "70", "80", "90"], records.Select(r => r.Key));
    }

    [Fact]
    public async Task ReadAsync_NullAndNumericFields_RenderAsEmptyAndInvariantText()
    {
        await _db.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, n INTEGER, r REAL)");
        await _db.ExecuteAsync("INSERT INTO t VALUES (1, NULL, 42, 0.25)");
        await using var source = await OpenAsync(Options(_db, "t", "[{a}] {n} {r}"));

        var record = Assert.Single(await ReadAllAsync(source));

        Assert.Equal("[] 42 0.25", record.Text);
        Assert.Null(record.Failure);
    }

    [Fact]
    public async Task ReadAsync_BlobField_YieldsComposeFailureAndGoesOn()
    {
        await _db.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, body)");
        await _db.ExecuteAsync("INSERT INTO t VALUES (1, x'00ff'), (2, 'fine')");
        await using var source = await OpenAsync(Options(_db, "t", "{body}"));

        var records = await ReadAllAsync(source);

        Assert.Equal(new ItemFailure("compose", "bad-field", "column 'body' is a BLOB"), records[0].Failure);
        Assert.Null(records[0].Text);
        Assert.Equal("1", records[0].Key);
        Assert.Equal("fine", records[1].Text);
    }

    [Fact]
    public async Task ReadAsync_NullIds_YieldsReadFailuresFirstAndResumesAmongThem()
    {
        await _db.ExecuteAsync("CREATE TABLE t (id TEXT, body TEXT)");
        await _db.ExecuteAsync("INSERT INTO t (rowid, id, body) VALUES (1, 'b', 'x'), (2, NULL, 'x'), (3, 'a', 'x'), (4, NULL, 'x')");
        await using var source = await OpenAsync(Options(_db, "t", "{body}"));
        var shard = Assert.Single(await source.GetShardsAsync());

        var records = await ReadAsync(source, shard, null);
        var resumed = await ReadAsync(source, shard, records[0].Cursor);

        Assert.Equal(["rowid:2", "rowid:4", "a", "b"], records.Select(r => r.Key));
        Assert.Equal(new ItemFailure("read", "missing-id", "id NULL at rowid 2"), records[0].Failure);
        Assert.Equal(["rowid:4", "a", "b"], resumed.Select(r => r.Key));
        Assert.Equal(4, await source.CountAsync());
    }

    [Fact]
    public async Task ReadKeysAsync_SomeKeysPresent_YieldsExactlyThose()
    {
        await _db.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
        await _db.InsertManyAsync("INSERT INTO t VALUES ($p0, $p1)", 10, i => [i, "body " + i]);
        await using var source = await OpenAsync(Options(_db, "t", "{body}"));

        var records = new List<SourceRecord>();
        await foreach (var record in source.ReadKeysAsync(new HashSet<string> { "3", "7", "999" }))
        {
            records.Add(record);
        }

        Assert.Equal(["3", "7"], records.Select(r => r.Key).Order());
        Assert.Contains(records, r => r.Text == "body 7");
    }

    [Fact]
    public async Task CreateSource_Factory_DescribesPathAndTable()
    {
        await _db.ExecuteAsync("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
        await using var source = SqliteStores.CreateSource(Options(_db, "t", "{body}"));

        await source.OpenAsync();

        Assert.Equal($"sqlite {_db.Path} table t", source.Description);
        Assert.Equal(0, await source.CountAsync());
    }
}
