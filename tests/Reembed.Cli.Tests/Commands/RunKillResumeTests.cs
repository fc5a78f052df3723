using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Reembed.Tests;

/// <summary>DESIGN §4.1: kill -9 at any moment, resume; the target ends identical to an uninterrupted run.</summary>
public sealed class RunKillResumeTests
{
    private const int Records = 20_000;
    private const int MaxItems = 32;
    private const int Concurrency = 2;
    private readonly ITestOutputHelper _output;

    public RunKillResumeTests(ITestOutputHelper output) => _output = output;

    private static void Configure(JsonObject config)
    {
        // Several n-gram kinds make each batch cost more, so that kills land mid-run.
        config["embedder"]!["features"] = new JsonArray("words", "bigrams", "char3", "char4", "char5");
        config["embedder"]!["maxConcurrency"] = Concurrency;
        config["batch"] = new JsonObject { ["maxItems"] = MaxItems };
    }

    [Fact]
    public async Task Run_KilledFiveTimesThenResumed_TargetIdenticalToUninterruptedRun()
    {
        var corpus = Workspace.Records(Records);
        using var reference = new Workspace();
        reference.WriteCorpus(corpus);
        reference.WriteConfig(Configure);
        var uninterrupted = await CliProcess.RunAsync(reference.Dir, "run", "--json");
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.ToString());

        using var killed = new Workspace();
        killed.WriteCorpus(corpus);
        killed.WriteConfig(Configure);
        var random = new Random(20261121);
        var kills = 0;
        var embeddedLogged = 0;
        var runs = 0;
        while (kills < 5 && runs < 30)
        {
            runs++;
            using var process = CliProcess.Start(killed.Dir, null, "run");
            var (_, stderr) = CliProcess.Capture(process);

            // Wait until the run has committed something, then kill it at a random moment after.
            await CliProcess.WaitForOutputAsync(process, stderr, "committed through batch");

            await Task.Delay(random.Next(0, 120));
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

        var final = await CliProcess.RunAsync(killed.Dir, "run", "--json");
        embeddedLogged += final.EmbeddedItemsLogged;
        Assert.True(final.ExitCode == 0, final.ToString());
        Assert.True(kills >= 5, $"only {kills} kills landed mid-run in {runs} runs: the run is too fast for this test");

        var json = final.Json();
        Assert.Equal("completed", json.GetProperty("state").GetString());
        Assert.Equal(Records, json.GetProperty("processed").GetInt64());
        Assert.Equal(0, json.GetProperty("failed").GetInt64());

        // Records written by a killed run but not yet committed are found in the target on resume
        // and skipped (mode missing), so embedded + skipped make up the whole corpus.
        Assert.Equal(Records, json.GetProperty("embedded").GetInt64() + json.GetProperty("skipped").GetInt64());

        var expected = reference.ReadTarget();
        var actual = killed.ReadTarget();
        Assert.Equal(Records, expected.Count);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, row) in expected)
        {
            Assert.True(row.Vector.AsSpan().SequenceEqual(actual[id].Vector), $"vector of {id} differs");
            Assert.Equal(row.Hash, actual[id].Hash);
            Assert.Equal(row.Space, actual[id].Space);
        }

        // Work redone after kills is bounded by the in-flight window: (2 × concurrency + 2) batches.
        var embeddedTwice = embeddedLogged - Records;
        var window = ((2 * Concurrency) + 2) * MaxItems;
        _output.WriteLine($"{kills} kills in {runs} runs; records embedded twice: {embeddedTwice} (bound {kills} × {window} = {kills * window})");
        Assert.InRange(embeddedTwice, 0, kills * window);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(15)]
    public async Task Run_InterruptedBySignal_Exits130AndResumesToCompletion(int signal)
    {
        using var workspace = new Workspace();
        workspace.WriteCorpus(Workspace.Records(Records));
        workspace.WriteConfig(Configure);
        using var process = CliProcess.Start(workspace.Dir, null, "run", "--json");
        var (stdout, stderr) = CliProcess.Capture(process);
        await CliProcess.WaitForOutputAsync(process, stderr, "committed through batch");

        Assert.False(process.HasExited, "the run ended before it could be interrupted");
        CliProcess.Signal(process, signal);
        await process.WaitForExitAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}\n{stdout}\n{stderr}");
        var stopped = new CliResult(process.ExitCode, stdout.ToString(), stderr.ToString()).Json();
        Assert.Equal("cancelled", stopped.GetProperty("state").GetString());
        var committed = stopped.GetProperty("processed").GetInt64();
        Assert.InRange(committed, 1, Records - 1);
        Assert.Equal(committed, workspace.ReadTarget().Count);

        var resumed = await CliProcess.RunAsync(workspace.Dir, "run", "--json");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var json = resumed.Json();
        Assert.True(json.GetProperty("resumed").GetBoolean());
        Assert.Equal(stopped.GetProperty("jobId").GetString(), json.GetProperty("jobId").GetString());
        Assert.Equal(Records, json.GetProperty("embedded").GetInt64());
        Assert.Equal(Records, workspace.ReadTarget().Count);
    }
}
