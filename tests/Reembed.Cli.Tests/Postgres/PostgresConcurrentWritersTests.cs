using System.Text.Json.Nodes;
using Npgsql;

namespace Reembed.Tests;

/// <summary>
/// Rows inserted and updated while a <c>changed</c> run reads the table: after a second run, every
/// row holds the vector and hash of its latest text.
/// </summary>
public sealed class PostgresConcurrentWritersTests
{
    private const int Records = 3000;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Run_RowsWrittenDuringAChangedRun_SecondRunLeavesEveryRowWithItsLatestText(bool inPlace)
    {
        await using var pg = new PgDocs();
        await pg.CreateAsync(Workspace.Records(Records));
        var table = inPlace ? pg.Docs : $"{pg.Schema}.docs_vectors";
        pg.WriteConfig(table, config =>
        {
            config["mode"] = "changed";
            config["embedder"]!["maxConcurrency"] = 1;
            config["batch"] = new JsonObject { ["maxItems"] = 4 };
        });

        using var process = CliProcess.Start(pg.Workspace.Dir, pg.Environment, "run", "--json");
        var (stdout, stderr) = CliProcess.Capture(process);
        await CliProcess.WaitForOutputAsync(process, stderr, "committed through batch");

        // Updates land before and behind the run's cursor; inserts land at both ends of the id range.
        var random = new Random(4242);
        var writesWhileRunning = 0;
        var inserted = 0;
        await using (var connection = await pg.OpenAsync())
        {
            for (var i = 0; i < 400 && !process.HasExited; i++)
            {
                await using var command = i % 4 == 0
                    ? new NpgsqlCommand($"INSERT INTO {pg.Docs} (id, summary, description) VALUES (@id, @summary, 'inserted while running')", connection)
                    : new NpgsqlCommand($"UPDATE {pg.Docs} SET summary = summary || @summary WHERE id = @id", connection);
                var id = i % 4 == 0
                    ? (++inserted % 2 == 0 ? Records + inserted : -inserted)
                    : random.Next(1, Records + 1);
                command.Parameters.AddWithValue("id", (long)id);
                command.Parameters.AddWithValue("summary", $" edit {i}");
                await command.ExecuteNonQueryAsync();
                if (!process.HasExited)
                {
                    writesWhileRunning++;
                }
            }
        }

        await process.WaitForExitAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{stdout}\n{stderr}");
        Assert.True(writesWhileRunning >= 50, $"only {writesWhileRunning} writes landed while the first run was going");

        var second = await pg.RunAsync("run", "--json");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(second.Json().GetProperty("embedded").GetInt64() > 0, "the second run found nothing changed: the writes all landed ahead of the cursor");

        var texts = await pg.ReadTextsAsync();
        Assert.Equal(Records + inserted, texts.Count);
        var expected = await PgDocs.EmbedAsync(texts);
        var rows = await pg.ReadVectorsAsync(table, hash: inPlace ? "embedding_hash" : "content_hash");
        Assert.Equal(texts.Keys.Order(), rows.Keys.Order());
        foreach (var (id, (vector, hash)) in rows)
        {
            Assert.True(ContentHash.Compute(texts[id]) == hash, $"row {id} holds the hash of an older text");
            Assert.True(expected[id].AsSpan().SequenceEqual(vector), $"row {id} holds the vector of an older text");
        }
    }
}
