using System.Text.Json.Nodes;
using Reembed.Testing.FakeApi;

namespace Reembed.Tests;

/// <summary>
/// DESIGN §4.1 with a remote model: kill -9 mid-run, resume. The target ends complete and exact, and
/// the model is asked again for at most the in-flight window — less, since answers that arrived
/// before the kill are in the cache.
/// </summary>
public sealed class RemoteKillResumeTests
{
    private const int Records = 600;
    private const int MaxItems = 16;
    private const int Concurrency = 2;

    [Fact]
    public async Task Run_KilledThreeTimesThenResumed_TargetExactAndRedoBoundedByTheWindow()
    {
        await using var harness = await RemoteHarness.StartAsync(Records, new FakeServerOptions
        {
            LatencyMean = TimeSpan.FromMilliseconds(40),
            LatencyJitter = TimeSpan.FromMilliseconds(20),
        });
        harness.WriteConfig(
            embedder => embedder["maxConcurrency"] = Concurrency,
            root => root["batch"] = new JsonObject { ["maxItems"] = MaxItems });
        var random = new Random(20261121);
        var kills = 0;
        for (var runs = 0; kills < 3 && runs < 12; runs++)
        {
            using var process = CliProcess.Start(harness.Workspace.Dir, harness.Environment, "run");
            var (_, stderr) = CliProcess.Capture(process);
            await CliProcess.WaitForOutputAsync(process, stderr, "committed through batch");
            await Task.Delay(random.Next(0, 150));
            if (!process.HasExited)
            {
                process.Kill();
                kills++;
            }

            await process.WaitForExitAsync();
            process.WaitForExit();
        }

        var final = await harness.RunAsync("run", "--json");

        Assert.True(final.ExitCode == 0, final.ToString());
        Assert.True(kills >= 3, $"only {kills} kills landed mid-run");
        Assert.Equal(Records, final.Json().GetProperty("processed").GetInt64());
        Assert.Equal(0, final.Json().GetProperty("failed").GetInt64());
        harness.AssertTargetExact();

        // Each kill can cost at most the in-flight window of batches (2 × concurrency + 2) again.
        var window = ((2 * Concurrency) + 2) * MaxItems;
        // Texts the server received, answered or not: a killed client may have read an answer (and
        // cached it) that the server never finished counting as a success.
        var sentToTheModel = harness.Server.Counters.ReceivedTexts.Count;
        Assert.InRange(sentToTheModel, Records, Records + (kills * window));
    }
}
