namespace Reembed.Tests;

/// <summary>The <c>postgres</c> source with an in-place and a shadow target, through the real CLI.</summary>
public sealed class PostgresRunTests
{
    private const int Records = 1000;

    [Fact]
    public async Task Run_InPlace_FillsOnlyNullVectorsAndASecondRunEmbedsNothing()
    {
        await using var pg = new PgDocs();
        await pg.CreateAsync(Workspace.Records(Records), ", embedding real[]");

        // Every tenth row already holds someone else's vector: a backfill must not touch it.
        var marker = string.Join(',', Enumerable.Repeat("0.5", PgDocs.Dimensions));
        await pg.ExecuteAsync($"UPDATE {pg.Docs} SET embedding = '{{{marker}}}' WHERE id % 10 = 0");
        var before = await XminOfMarkedAsync(pg);
        pg.WriteConfig(pg.Docs);

        var first = await pg.RunAsync("run", "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(Records - (Records / 10), first.Json().GetProperty("embedded").GetInt64());
        Assert.Equal(before, await XminOfMarkedAsync(pg));

        var rows = await pg.ReadVectorsAsync(pg.Docs, hash: "embedding_hash");
        Assert.Equal(Records, rows.Count);
        var texts = await pg.ReadTextsAsync();
        var expected = await PgDocs.EmbedAsync(texts);
        foreach (var (id, (vector, hash)) in rows)
        {
            if (id % 10 == 0)
            {
                Assert.All(vector, static value => Assert.Equal(0.5f, value));
                Assert.Null(hash);
            }
            else
            {
                Assert.Equal(expected[id], vector);
                Assert.Equal(ContentHash.Compute(texts[id]), hash);
            }
        }

        var second = await pg.RunAsync("run", "--json");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(0, second.Json().GetProperty("embedded").GetInt64());
        Assert.Equal(0, second.EmbeddedItemsLogged);
    }

    [Fact]
    public async Task Run_Shadow_WritesTheHashingVectorsIntoANewTableKeyedByTheSourceIdType()
    {
        await using var pg = new PgDocs();
        await pg.CreateAsync(Workspace.Records(Records));
        var shadow = $"{pg.Schema}.docs_vectors";
        pg.WriteConfig(shadow);

        var run = await pg.RunAsync("run", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        Assert.Equal(Records, json.GetProperty("embedded").GetInt64());

        var rows = await pg.ReadVectorsAsync(shadow);
        var texts = await pg.ReadTextsAsync();
        var expected = await PgDocs.EmbedAsync(texts);
        Assert.Equal(texts.Keys.Order(), rows.Keys.Order());
        foreach (var (id, (vector, hash)) in rows)
        {
            Assert.Equal(expected[id], vector);
            Assert.Equal(ContentHash.Compute(texts[id]), hash);
        }

        await using var connection = await pg.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"SELECT data_type FROM information_schema.columns WHERE table_schema = '{pg.Schema}' AND table_name = 'docs_vectors' AND column_name = 'id'",
            connection);
        Assert.Equal("bigint", await command.ExecuteScalarAsync());
        await using var spaces = new Npgsql.NpgsqlCommand($"SELECT array_agg(DISTINCT space) FROM {shadow}", connection);
        Assert.Equal(new[] { json.GetProperty("space").GetString()! }, (string[])(await spaces.ExecuteScalarAsync())!);

        // The source table is untouched by a shadow target.
        await using var columns = new Npgsql.NpgsqlCommand(
            $"SELECT count(*) FROM information_schema.columns WHERE table_schema = '{pg.Schema}' AND table_name = 'docs'", connection);
        Assert.Equal(3L, await columns.ExecuteScalarAsync());
    }

    private static async Task<Dictionary<long, string>> XminOfMarkedAsync(PgDocs pg)
    {
        await using var connection = await pg.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"SELECT id, xmin::text FROM {pg.Docs} WHERE id % 10 = 0", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<long, string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetInt64(0), reader.GetString(1));
        }

        return rows;
    }
}
