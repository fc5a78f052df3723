namespace Reembed.Postgres.Tests;

/// <summary>
/// The direct path of a shadow real[] table: batches COPYed straight into it, and the staging upsert
/// for a batch that meets a key already there. Each test compares with the same writes through INSERT staging.
/// </summary>
public sealed class PostgresSinkDirectTests
{
    private const string Columns = "id::text, embedding::text, content_hash, space";

    [Fact]
    public async Task WriteAsync_FreshShadowTable_DirectCopyStoresWhatStagingStores()
    {
        await using var scratch = await PgScratch.CreateAsync();
        var batches = new[] { SinkTesting.Batch(300, 0.25f), SinkTesting.Batch(300, 0.25f).Select(r => r with { Key = "x" + r.Key }).ToList() };

        await using (var sink = await SinkTesting.OpenAsync(SinkTesting.Shadow(scratch)))
        {
            foreach (var batch in batches)
            {
                await sink.WriteAsync(batch);
            }

            Assert.Equal((2L, 0L), sink.DirectCounts);
        }

        var expected = await WriteByInsertAsync(scratch, "text", batches);
        Assert.Equal(expected, await RowsAsync(scratch, "vecs"));
        Assert.Equal(600, expected.Count);
    }

    [Fact]
    public async Task WriteAsync_RedoAfterReopenOverWrittenKeys_FallsBackToUpsertAndEndsExact()
    {
        await using var scratch = await PgScratch.CreateAsync();
        var first = SinkTesting.Batch(200);
        var redo = Enumerable.Range(150, 100).Select(i => SinkTesting.Record(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i * 3, "redo" + i)).ToList();
        var after = Enumerable.Range(250, 50).Select(i => SinkTesting.Record(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i)).ToList();
        await using (var sink = await SinkTesting.OpenAsync(SinkTesting.Shadow(scratch, idType: "bigint")))
        {
            await sink.WriteAsync(first);
        }

        // A new process after a crash: the same table, a redone batch half of whose keys are written.
        await using (var resumed = await SinkTesting.OpenAsync(SinkTesting.Shadow(scratch, idType: "bigint")))
        {
            await resumed.WriteAsync(redo);
            await resumed.WriteAsync(after);
            Assert.Equal(1L, resumed.DirectCounts.Conflicts);
        }

        var expected = await WriteByInsertAsync(scratch, "bigint", [first, redo, after]);
        Assert.Equal(expected, await RowsAsync(scratch, "vecs"));
        Assert.Equal(299, expected.Count);
        Assert.Contains(expected, r => r[0] == "170" && r[2] == "redo170");
    }

    [Fact]
    public async Task WriteAsync_NewBatchRepeatingAKey_LastOneWinsThroughStaging()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var sink = await SinkTesting.OpenAsync(SinkTesting.Shadow(scratch));

        await sink.WriteAsync([SinkTesting.Record("a", 1, "first"), SinkTesting.Record("b", 2), SinkTesting.Record("a", 3, "last")]);

        Assert.Equal((0L, 1L), sink.DirectCounts);
        var rows = await RowsAsync(scratch, "vecs");
        Assert.Equal(2, rows.Count);
        Assert.Equal(new string?[] { "a", "{3,3.5,-3}", "last", SinkTesting.Space3.Id }, rows[0]);
    }

    [Fact]
    public async Task WriteAsync_AfterConflicts_StagesBatchesInBetweenThenTriesDirectAgain()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var sink = await SinkTesting.OpenAsync(SinkTesting.Shadow(scratch));
        await sink.WriteAsync(Keys(0, 10));

        await sink.WriteAsync(Keys(0, 10));
        await sink.WriteAsync(Keys(10, 10));
        var afterFirstConflict = sink.DirectCounts;
        await sink.WriteAsync(Keys(20, 10));

        Assert.Equal((1L, 1L), afterFirstConflict);
        Assert.Equal((2L, 1L), sink.DirectCounts);
        Assert.Equal(30L, await scratch.ScalarAsync<long>($"SELECT count(*) FROM {scratch.Qualify("vecs")}"));
    }

    [Fact]
    public async Task WriteAsync_UuidIdsCanonicalOrNot_StoredAsByStaging()
    {
        await using var scratch = await PgScratch.CreateAsync();
        var canonical = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
        var braced = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        List<VectorRecord> batch = [SinkTesting.Record(canonical.ToString("D"), 1), SinkTesting.Record(braced.ToString("B"), 2)];

        await using (var sink = await SinkTesting.OpenAsync(SinkTesting.Shadow(scratch, idType: "uuid")))
        {
            await sink.WriteAsync([batch[0]]);
            await sink.WriteAsync([batch[1]]);
            Assert.Equal((1L, 0L), sink.DirectCounts);
        }

        var rows = await RowsAsync(scratch, "vecs");
        Assert.Equal(await WriteByInsertAsync(scratch, "uuid", [[batch[0]], [batch[1]]]), rows);
        Assert.Contains(rows, r => r[0] == braced.ToString("D"));
    }

    [Fact]
    public async Task WriteAsync_PgvectorColumnOrInPlace_NeverDirect()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync($"CREATE TABLE {scratch.Qualify("docs")} (id text PRIMARY KEY, body text)");
        await scratch.ExecuteAsync($"INSERT INTO {scratch.Qualify("docs")} VALUES ('1', 'one'), ('2', 'two')");
        await using var inPlace = await SinkTesting.OpenAsync(SinkTesting.InPlace(scratch));

        await inPlace.WriteAsync(SinkTesting.Batch(2));

        Assert.Equal((0L, 0L), inPlace.DirectCounts);
        Assert.Equal(2L, await scratch.ScalarAsync<long>($"SELECT count(*) FROM {scratch.Qualify("docs")} WHERE embedding IS NOT NULL"));
    }

    private static List<VectorRecord> Keys(int from, int count) =>
        Enumerable.Range(from, count).Select(i => SinkTesting.Record("k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), i)).ToList();

    /// <summary>The same batches through the INSERT load path, which always stages and upserts, into a table of its own.</summary>
    private static async Task<List<string?[]>> WriteByInsertAsync(PgScratch scratch, string idType, IEnumerable<IReadOnlyList<VectorRecord>> batches)
    {
        await using (var sink = await SinkTesting.OpenAsync(SinkTesting.Shadow(scratch, "by_insert", PostgresLoadPath.Insert, idType)))
        {
            foreach (var batch in batches)
            {
                await sink.WriteAsync(batch);
            }

            Assert.Equal((0L, 0L), sink.DirectCounts);
        }

        return await RowsAsync(scratch, "by_insert");
    }

    private static Task<List<string?[]>> RowsAsync(PgScratch scratch, string table) =>
        scratch.RowsAsync($"SELECT {Columns} FROM {scratch.Qualify(table)} ORDER BY id");
}
