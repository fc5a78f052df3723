namespace Reembed.Postgres.Tests;

public sealed class PostgresInPlaceSinkTests
{
    [Fact]
    public async Task OpenAsync_SourceTable_AddsVectorAndHashColumnsTaggedWithSpace()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync("CREATE TABLE docs (id int PRIMARY KEY, body text)");
        await scratch.ExecuteAsync("COMMENT ON COLUMN docs.id IS 'kept'");

        await using var sink = await SinkTesting.OpenAsync(SinkTesting.InPlace(scratch));

        var columns = await scratch.RowsAsync(
            $"SELECT attname, format_type(atttypid, atttypmod), col_description(attrelid, attnum) FROM pg_attribute "
            + $"WHERE attrelid = '{scratch.Qualify("docs")}'::regclass AND attnum > 0 ORDER BY attnum");
        Assert.Equal(["id", "body", "embedding", "embedding_hash"], columns.Select(c => c[0]));
        Assert.Equal("real[]", columns[2][1]);
        Assert.StartsWith($"reembed:space={SinkTesting.Space3.Id} ", columns[2][2], StringComparison.Ordinal);
        Assert.Equal("kept", columns[0][2]);
    }

    [Fact]
    public async Task WriteAsync_MissingModeFlow_TouchesOnlyRowsWithoutVector()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync("CREATE TABLE docs (id bigint PRIMARY KEY, body text, embedding real[], embedding_hash text)");
        await scratch.ExecuteAsync("INSERT INTO docs SELECT i, 'b' || i, CASE WHEN i % 2 = 0 THEN '{9,9,9}'::real[] END, NULL FROM generate_series(1, 10) i");
        await using var sink = await SinkTesting.OpenAsync(SinkTesting.InPlace(scratch));
        var keys = Enumerable.Range(1, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        // What the planner does in 'missing' mode: look the keys up, embed only those not found.
        var found = await SinkTesting.LookupAsync(sink, keys);
        await sink.WriteAsync(keys.Where(k => !found.ContainsKey(k)).Select(k => SinkTesting.Record(k, 1)).ToList());

        var rows = await scratch.RowsAsync($"SELECT id, embedding::text, embedding_hash, body FROM {scratch.Qualify("docs")} ORDER BY id");
        Assert.Equal(["2", "4", "6", "8", "10"], found.Keys.OrderBy(k => k.Length).ThenBy(k => k, StringComparer.Ordinal));
        Assert.All(found.Values, hash => Assert.Equal("", hash));
        Assert.All(rows.Where(r => long.Parse(r[0]!, System.Globalization.CultureInfo.InvariantCulture) % 2 == 0), r => Assert.Equal(new string?[] { "{9,9,9}", null }, r[1..3]));
        Assert.All(rows.Where(r => long.Parse(r[0]!, System.Globalization.CultureInfo.InvariantCulture) % 2 == 1), r => Assert.Equal("{1,1.5,-1}", r[1]));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => "b" + i), rows.Select(r => r[3]));
    }

    [Fact]
    public async Task WriteAsync_KeyNotInTable_IgnoredAndNoRowAdded()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync("CREATE TABLE docs (id uuid PRIMARY KEY, body text)");
        var id = Guid.NewGuid().ToString("D");
        await scratch.ExecuteAsync($"INSERT INTO docs VALUES ('{id}', 'x')");
        await using var sink = await SinkTesting.OpenAsync(SinkTesting.InPlace(scratch, load: PostgresLoadPath.Insert));

        await sink.WriteAsync([SinkTesting.Record(id, 2), SinkTesting.Record(Guid.NewGuid().ToString("D"), 3)]);
        var found = await SinkTesting.LookupAsync(sink, id, "not-a-uuid");

        Assert.Equal(1L, await scratch.ScalarAsync<long>($"SELECT count(*) FROM {scratch.Qualify("docs")}"));
        Assert.Equal("h" + id, Assert.Single(found).Value);
    }

    [Fact]
    public async Task OpenAsync_ColumnTaggedWithOtherSpace_ConfigErrorNamingTableAndColumn()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync("CREATE TABLE docs (id int PRIMARY KEY, body text)");
        await (await SinkTesting.OpenAsync(SinkTesting.InPlace(scratch))).DisposeAsync();
        var other = new EmbeddingSpace("test", "m2", 3, normalized: true);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await SinkTesting.OpenAsync(SinkTesting.InPlace(scratch), other));

        Assert.Equal("embedder", error.Subject);
        Assert.Contains($"column 'embedding' of table '{scratch.Schema}.docs' holds vectors of space {SinkTesting.Space3.Id}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NoSuchTableOrIdColumn_ConfigError()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync("CREATE TABLE docs (key int PRIMARY KEY, body text)");

        var noTable = await Assert.ThrowsAsync<ReembedException>(async () => await SinkTesting.OpenAsync(SinkTesting.InPlace(scratch, "nope")));
        var noId = await Assert.ThrowsAsync<ReembedException>(async () => await SinkTesting.OpenAsync(SinkTesting.InPlace(scratch)));

        Assert.Equal(("target.table", ErrorKind.Config), (noTable.Subject, noTable.Kind));
        Assert.Contains("no table named", noTable.Message, StringComparison.Ordinal);
        Assert.Equal(("target.id", ErrorKind.Config), (noId.Subject, noId.Kind));
        Assert.Equal(0L, await scratch.ScalarAsync<long>($"SELECT count(*) FROM pg_attribute WHERE attrelid = '{scratch.Qualify("docs")}'::regclass AND attname = 'embedding'"));
    }

    [Fact]
    public async Task WriteAsync_NoUpdatePrivilege_FatalNamingTable()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync("CREATE TABLE docs (id int PRIMARY KEY, body text, embedding real[], embedding_hash text)");
        await scratch.ExecuteAsync("INSERT INTO docs VALUES (1, 'x', NULL, NULL)");
        await using var role = await scratch.UnprivilegedAsync();
        await scratch.ExecuteAsync($"REVOKE UPDATE ON {scratch.Qualify("docs")} FROM {role.Role}");
        var options = new PostgresSinkOptions
        {
            ConnectionString = role.ConnectionString,
            Table = scratch.Qualify("docs"),
            Shape = PostgresTargetShape.InPlace,
            VectorType = PostgresVectorType.RealArray,
        };

        // Tagging the column needs ownership and writing needs UPDATE: either refusal must be fatal and clear.
        var error = await Assert.ThrowsAsync<ReembedException>(async () =>
        {
            await using var sink = await SinkTesting.OpenAsync(options);
            await sink.WriteAsync([SinkTesting.Record("1", 1)]);
        });

        Assert.Equal(ErrorKind.Fatal, error.Kind);
        Assert.Equal("target.table", error.Subject);
        Assert.Contains($"{scratch.Schema}.docs", error.Message, StringComparison.Ordinal);
        Assert.True(
            error.Message.Contains("permission denied", StringComparison.Ordinal) || error.Message.Contains("must be owner", StringComparison.Ordinal),
            error.Message);
        Assert.True(await scratch.ScalarAsync<bool>($"SELECT embedding IS NULL FROM {scratch.Qualify("docs")}"));
    }
}
