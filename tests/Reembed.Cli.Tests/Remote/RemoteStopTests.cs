using System.Diagnostics;
using System.Text.Json.Nodes;
using Reembed.Testing.FakeApi;

namespace Reembed.Tests;

/// <summary>A stop (SIGTERM, as Ctrl-C) while a rate limit holds queued work: the run stops at once, it does not drain the queue.</summary>
public sealed class RemoteStopTests
{
    [Fact]
    public async Task Run_InterruptedWhileThrottled_StopsWithinSecondsAndResumesToTheEnd()
    {
        await using var harness = await RemoteHarness.StartAsync(1_500, new FakeServerOptions
        {
            LatencyMean = TimeSpan.FromMilliseconds(30),
            TokensPerMinute = 120_000,
            BurstSeconds = 2,
        });
        harness.WriteConfig(
            embedder =>
            {
                embedder["tokensPerMinute"] = 120_000;
                embedder["maxConcurrency"] = "auto";
            },
            root => root["batch"] = new JsonObject { ["maxItems"] = 8 });
        var random = new Random(7);
        for (var round = 0; round < 4; round++)
        {
            using var process = CliProcess.Start(harness.Workspace.Dir, harness.Environment, "run");
            var (_, stderr) = CliProcess.Capture(process);
            await CliProcess.WaitForOutputAsync(process, stderr, "committed through batch");
            await Task.Delay(random.Next(200, 1_500));
            Assert.False(process.HasExited, "the run ended before it could be interrupted");

            var watch = Stopwatch.StartNew();
            CliProcess.Signal(process, 15); // SIGTERM: the same graceful path as Ctrl-C, and never ignored by a background parent
            var exited = await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(10))) is Task t && process.HasExited;
            if (!exited)
            {
                process.Kill();
            }

            process.WaitForExit();
            Assert.True(exited, $"round {round}: still running 10 s after SIGTERM\n{stderr}");
            Assert.Equal(130, process.ExitCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"round {round}: took {watch.Elapsed} to stop");
        }

        harness.Server.Options.TokensPerMinute = null;
        harness.WriteConfig(root: root => root["batch"] = new JsonObject { ["maxItems"] = 8 });
        var final = await harness.RunAsync("run", "--json");
        Assert.True(final.ExitCode == 0, final.ToString());
        harness.AssertTargetExact();
    }
}
