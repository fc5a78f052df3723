namespace Reembed.Postgres.Tests;

public sealed class PostgresShadowSinkTests
{
    [Fact]
    public async Task WriteAsync_SameBatchTwice_IdempotentUpsert()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var sink = await SinkTesting.OpenAsync(SinkTesting.Shadow(scratch));
        var batch = SinkTesting.Batch(300);

        await sink.WriteAsync(batch);
        var first = await scratch.RowsAsync($"SELECT id, embedding::text, content_hash, space FROM {scratch.Qualify("vecs")} ORDER BY id");
        await sink.WriteAsync(batch);
        var second = await scratch.RowsAsync($"SELECT id, embedding::text, content_hash, space FROM {scratch.Qualify("vecs")} ORDER BY id");

        Assert.Equal(300, second.Count);
        Assert.Equal(first, second);
        Assert.Contains(second, r => r[0] == "7" && r[1] == "{7,7.5,-7}" && r[2] == "h7" && r[3] == SinkTesting.Space3.Id);
    }

    [Fact]
    public async Task WriteAsync_ChangedVectorsAndRepeatedKey_LastOneWins()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var sink = await SinkTesting.OpenAsync(SinkTesting.Shadow(scratch, idType: "bigint"));
        await sink.WriteAsync(SinkTesting.Batch(5));

        await sink.WriteAsync([SinkTesting.Record("2", 20, "new"), SinkTesting.Record("9", 9), SinkTesting.Record("2", 30, "newer")]);

        var rows = await scratch.RowsAsync($"SELECT id, embedding::text, content_hash FROM {scratch.Qualify("vecs")} ORDER BY id");
        Assert.Equal(["1", "2", "3", "4", "5", "9"], rows.Select(r => r[0]));
        Assert.Equal(new string?[] { "2", "{30,30.5,-30}", "newer" }, rows[1]);
        Assert.Equal("bigint", await scratch.ScalarAsync<string>($"SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '{scratch.Qualify("vecs")}'::regclass AND attname = 'id'"));
    }

    [Fact]
    public async Task LookupAsync_AfterWrites_HashesOfWrittenKeysOnly()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var sink = await SinkTesting.OpenAsync(SinkTesting.Shadow(scratch, idType: "bigint"));
        await sink.WriteAsync(SinkTesting.Batch(3));

        var found = await SinkTesting.LookupAsync(sink, "1", "3", "4", "not-a-number", "id:NULL");

        Assert.Equal(new Dictionary<string, string> { ["1"] = "h1", ["3"] = "h3" }, found);
    }

    [Fact]
    public async Task WriteAsync_CopyAndInsertPaths_IdenticalTables()
    {
        await using var scratch = await PgScratch.CreateAsync();
        var batch = SinkTesting.Batch(777, 0.25f);
        await using (var copy = await SinkTesting.OpenAsync(SinkTesting.Shadow(scratch, "by_copy", Postgres.PostgresLoadPath.Copy)))
        {
            await copy.WriteAsync(batch);
            Assert.True(copy.UsesCopy);
        }

        await using (var insert = await SinkTesting.OpenAsync(SinkTesting.Shadow(scratch, "by_insert", Postgres.PostgresLoadPath.Insert)))
        {
            await insert.WriteAsync(batch);
            Assert.False(insert.UsesCopy);
        }

        var byCopy = await scratch.RowsAsync($"SELECT id, embedding::text, content_hash, space FROM {scratch.Qualify("by_copy")} ORDER BY id");
        var byInsert = await scratch.RowsAsync($"SELECT id, embedding::text, content_hash, space FROM {scratch.Qualify("by_insert")} ORDER BY id");
        Assert.Equal(777, byCopy.Count);
        Assert.Equal(byCopy, byInsert);
    }

    [Fact]
    public async Task WriteAsync_AutoOnServerWithCopy_SettlesOnCopy()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var sink = await SinkTesting.OpenAsync(SinkTesting.Shadow(scratch));
        Assert.Null(sink.UsesCopy);

        await sink.WriteAsync(SinkTesting.Batch(2));

        Assert.True(sink.UsesCopy);
    }

    [Fact]
    public async Task OpenAsync_ReopenedWithOtherSpace_ConfigErrorNamingBothSpaces()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using (var sink = await SinkTesting.OpenAsync(SinkTesting.Shadow(scratch)))
        {
            await sink.WriteAsync(SinkTesting.Batch(2));
        }

        var other = new EmbeddingSpace("test", "other-model", 3, normalized: false);
        var error = await Assert.ThrowsAsync<ReembedException>(async () => await SinkTesting.OpenAsync(SinkTesting.Shadow(scratch), other));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains(SinkTesting.Space3.Id, error.Message, StringComparison.Ordinal);
        Assert.Contains(other.Id, error.Message, StringComparison.Ordinal);
        Assert.Contains("vecs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_StoredVectorsOfOtherDimension_ConfigErrorNamingTableAndColumn()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync("CREATE TABLE vecs (id text PRIMARY KEY, embedding real[] NOT NULL, content_hash text NOT NULL, space text NOT NULL)");
        await scratch.ExecuteAsync("INSERT INTO vecs VALUES ('a', '{1,2,3,4}', 'h', @space)", ("space", SinkTesting.Space3.Id));

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await SinkTesting.OpenAsync(SinkTesting.Shadow(scratch)));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal("embedder", error.Subject);
        Assert.Contains("column 'embedding' of table", error.Message, StringComparison.Ordinal);
        Assert.Contains("4 dimensions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenForLookupAsync_NoTable_FalseAndNothingCreated()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var sink = new Sink.PostgresSink(SinkTesting.Shadow(scratch));

        Assert.False(await sink.OpenForLookupAsync(SinkTesting.Space3));
        Assert.Equal(0L, await scratch.ScalarAsync<long>($"SELECT count(*) FROM pg_tables WHERE schemaname = '{scratch.Schema}'"));
    }
}
