using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Reembed.Tests;

/// <summary>DESIGN §4.1 on a postgres source: kill -9 at any moment, resume; the table ends identical to an uninterrupted run.</summary>
public sealed class PostgresKillResumeTests
{
    private const int Records = 6000;
    private const int MaxItems = 16;
    private const int Concurrency = 2;
    private const int Kills = 4;
    private readonly ITestOutputHelper _output;

    public PostgresKillResumeTests(ITestOutputHelper output) => _output = output;

    private static void Configure(JsonObject config)
    {
        // Several n-gram kinds make each batch cost more, so that kills land mid-run.
        config["embedder"]!["features"] = new JsonArray("words", "bigrams", "char3", "char4", "char5");
        config["embedder"]!["maxConcurrency"] = Concurrency;
        config["batch"] = new JsonObject { ["maxItems"] = MaxItems };
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Run_KilledSeveralTimesThenResumed_TableIdenticalToUninterruptedRun(bool inPlace)
    {
        var corpus = Workspace.Records(Records);
        await using var reference = new PgDocs();
        await reference.CreateAsync(corpus);
        var referenceTable = inPlace ? reference.Docs : $"{reference.Schema}.docs_vectors";
        reference.WriteConfig(referenceTable, Configure);
        var uninterrupted = await reference.RunAsync("run", "--json");
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.ToString());

        await using var killed = new PgDocs();
        await killed.CreateAsync(corpus);
        var killedTable = inPlace ? killed.Docs : $"{killed.Schema}.docs_vectors";
        killed.WriteConfig(killedTable, Configure);
        var random = new Random(20261122);
        var kills = 0;
        var runs = 0;
        var embeddedLogged = 0;
        while (kills < Kills && runs < 20)
        {
            runs++;
            using var process = CliProcess.Start(killed.Workspace.Dir, killed.Environment, "run");
            var (_, stderr) = CliProcess.Capture(process);
            await CliProcess.WaitForOutputAsync(process, stderr, "committed through batch");
            await Task.Delay(random.Next(0, 100));
            if (!process.HasExited)
            {
                process.Kill();
                kills++;
            }

            await process.WaitForExitAsync();
            process.WaitForExit();
            lock (stderr)
            {
                embeddedLogged += CliResult.CountEmbedded(stderr.ToString());
            }
        }

        var final = await killed.RunAsync("run", "--json");
        embeddedLogged += final.EmbeddedItemsLogged;
        Assert.True(final.ExitCode == 0, final.ToString());
        Assert.True(kills >= Kills, $"only {kills} kills landed mid-run in {runs} runs: the run is too fast for this test");
        var json = final.Json();
        Assert.Equal("completed", json.GetProperty("state").GetString());
        Assert.Equal(Records, json.GetProperty("processed").GetInt64());
        Assert.Equal(Records, json.GetProperty("embedded").GetInt64() + json.GetProperty("skipped").GetInt64());

        var hash = inPlace ? "embedding_hash" : "content_hash";
        var expected = await reference.ReadVectorsAsync(referenceTable, hash: hash);
        var actual = await killed.ReadVectorsAsync(killedTable, hash: hash);
        Assert.Equal(Records, expected.Count);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (id, row) in expected)
        {
            Assert.True(row.Vector.AsSpan().SequenceEqual(actual[id].Vector), $"vector of {id} differs");
            Assert.Equal(row.Hash, actual[id].Hash);
        }

        // Work redone after kills is bounded by the in-flight window: (2 × concurrency + 2) batches.
        var embeddedTwice = embeddedLogged - Records;
        var window = ((2 * Concurrency) + 2) * MaxItems;
        _output.WriteLine($"{kills} kills in {runs} runs; records embedded twice: {embeddedTwice} (bound {kills * window})");
        Assert.InRange(embeddedTwice, 0, kills * window);
    }
}
