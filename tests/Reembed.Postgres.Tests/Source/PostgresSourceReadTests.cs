namespace Reembed.Postgres.Tests;

public sealed class PostgresSourceReadTests
{
    [Fact]
    public async Task ReadAsync_IntIdsWithGapsAndWhere_PagesInIdOrderOverFilteredRows()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync($"CREATE TABLE {scratch.Qualify("docs")} (id integer PRIMARY KEY, title text, lang text)");
        await scratch.ExecuteAsync(
            $"INSERT INTO {scratch.Qualify("docs")} SELECT i * 7, 'doc ' || i, CASE WHEN i % 3 = 0 THEN 'de' ELSE 'en' END FROM generate_series(1, 40) i");
        await using var source = await SourceTesting.OpenAsync(SourceTesting.Options(scratch, "docs", where: "lang = 'en' -- trailing comment"), pageSize: 4);

        var records = await SourceTesting.ReadAllAsync(source);

        var expected = Enumerable.Range(1, 40).Where(i => i % 3 != 0).Select(i => (i * 7).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expected, records.Select(r => r.Key).ToList());
        Assert.Equal("doc 1", records[0].Text);
        Assert.Equal("i:7", records[0].Cursor);
        Assert.Equal(expected.Count, await source.CountAsync());
    }

    [Fact]
    public async Task ReadAsync_ResumeAfterCursor_YieldsExactlyTheRest()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync("CREATE TABLE docs (id bigint PRIMARY KEY, title text)");
        await scratch.ExecuteAsync("INSERT INTO docs SELECT i * i, 't' || i FROM generate_series(1, 25) i");
        await using var source = await SourceTesting.OpenAsync(SourceTesting.Options(scratch, "docs"), pageSize: 5);
        var shard = Assert.Single(await source.GetShardsAsync());
        var all = await SourceTesting.ReadShardAsync(source, shard);

        var rest = await SourceTesting.ReadShardAsync(source, shard, all[11].Cursor);

        Assert.Equal(all.Skip(12).Select(r => r.Key), rest.Select(r => r.Key));
    }

    [Fact]
    public async Task ReadAsync_UuidIds_EveryRowOnceInServerOrder()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync("CREATE TABLE docs (id uuid PRIMARY KEY, title text)");
        var ids = Enumerable.Range(0, 23).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            await scratch.ExecuteAsync("INSERT INTO docs VALUES (@id, 'x')", ("id", id));
        }

        await using var source = await SourceTesting.OpenAsync(SourceTesting.Options(scratch, "docs"), pageSize: 4);

        var records = await SourceTesting.ReadAllAsync(source);

        var serverOrder = (await scratch.RowsAsync($"SELECT id::text FROM {scratch.Qualify("docs")} ORDER BY id")).Select(r => r[0]!).ToList();
        Assert.Equal(serverOrder, records.Select(r => r.Key).ToList());
        Assert.Equal(ids.Select(i => i.ToString("D")).Order(), records.Select(r => r.Key).Order());
    }

    [Fact]
    public async Task ReadAsync_TextIdsAndResume_KeysVerbatimInCollationOrder()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync("CREATE TABLE docs (key varchar(20) PRIMARY KEY, title text)");
        await scratch.ExecuteAsync("INSERT INTO docs VALUES ('b', '1'), ('A', '2'), ('a b', '3'), ('ä', '4'), ('10', '5'), ('9', '6'), ('z''q', '7')");
        var options = new PostgresSourceOptions
        {
            ConnectionString = scratch.ConnectionString,
            Table = "docs",
            IdColumn = "key",
            Text = TextTemplate.Parse("{title}", "source.text"),
        };
        await using var source = await SourceTesting.OpenAsync(options, pageSize: 2);

        var records = await SourceTesting.ReadAllAsync(source);
        var resumed = await SourceTesting.ReadShardAsync(source, (await source.GetShardsAsync())[0], records[2].Cursor);

        var serverOrder = (await scratch.RowsAsync($"SELECT key FROM {scratch.Qualify("docs")} ORDER BY key")).Select(r => r[0]!).ToList();
        Assert.Equal(serverOrder, records.Select(r => r.Key).ToList());
        Assert.Equal(serverOrder.Skip(3), resumed.Select(r => r.Key));
    }

    [Fact]
    public async Task ReadAsync_NullAndTypedColumns_RenderedAsText()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync("CREATE TABLE docs (id int PRIMARY KEY, title text, n numeric, ok boolean)");
        await scratch.ExecuteAsync("INSERT INTO docs VALUES (1, NULL, 2.50, true), (2, 'x', NULL, NULL)");
        await using var source = await SourceTesting.OpenAsync(SourceTesting.Options(scratch, "docs", "[{title}|{n}|{ok}]"));

        var records = await SourceTesting.ReadAllAsync(source);

        Assert.Equal(["[|2.50|true]", "[x||]"], records.Select(r => r.Text));
        Assert.All(records, r => Assert.Null(r.Failure));
    }

    [Fact]
    public async Task ReadAsync_QueryWithNullIds_ReportsThemOnceThenReadsTheRest()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync("CREATE TABLE docs (id int, title text)");
        await scratch.ExecuteAsync("INSERT INTO docs VALUES (NULL, 'a'), (NULL, 'b'), (3, 'c'), (1, 'd')");
        var options = new PostgresSourceOptions
        {
            ConnectionString = scratch.ConnectionString,
            Query = "SELECT id, upper(title) AS title FROM docs",
            Text = TextTemplate.Parse("{title}", "source.text"),
        };
        await using var source = await SourceTesting.OpenAsync(options);
        var shard = Assert.Single(await source.GetShardsAsync());

        var records = await SourceTesting.ReadShardAsync(source, shard);
        var resumed = await SourceTesting.ReadShardAsync(source, shard, records[0].Cursor);

        Assert.Equal(["id:NULL", "1", "3"], records.Select(r => r.Key));
        Assert.Equal("missing-id", records[0].Failure?.ErrorClass);
        Assert.Contains("2 rows", records[0].Failure?.Message, StringComparison.Ordinal);
        Assert.Equal(["D", "C"], records.Skip(1).Select(r => r.Text));
        Assert.Equal(["1", "3"], resumed.Select(r => r.Key));
    }

    [Fact]
    public async Task ReadKeysAsync_MixedKeys_ReturnsExactlyTheExistingOnes()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync("CREATE TABLE docs (id bigint PRIMARY KEY, title text, lang text)");
        await scratch.ExecuteAsync("INSERT INTO docs SELECT i, 't' || i, CASE WHEN i = 4 THEN 'de' ELSE 'en' END FROM generate_series(1, 10) i");
        await using var source = await SourceTesting.OpenAsync(SourceTesting.Options(scratch, "docs", where: "lang = 'en'"));

        var found = new List<SourceRecord>();
        await foreach (var record in source.ReadKeysAsync(new HashSet<string> { "2", "4", "9", "11", "abc", "07", "id:NULL" }))
        {
            found.Add(record);
        }

        Assert.Equal(["2", "9"], found.Select(r => r.Key));
        Assert.Equal("t9", found[1].Text);
    }
}
