using System.Diagnostics;
using System.Text.Json;
using Reembed.Testing.FakeApi;

namespace Reembed.Tests;

/// <summary>Faults that must stop a job (401, unknown model) and an outage that must only pause it.</summary>
public sealed class RemoteFatalTests
{
    [Fact]
    public async Task Run_KeyRefused_ExitsThreeWithOneMessageAndResumesOnceFixed()
    {
        await using var harness = await RemoteHarness.StartAsync(80, new FakeServerOptions { ApiKey = "sk-Qz7XbW-test-4242-VvT" });
        harness.ApiKey = "sk-wrongkey-0000-abcd";

        var refused = await harness.RunAsync("run");

        Assert.True(refused.ExitCode == 3, refused.ToString());
        var errors = refused.Stderr.Split('\n').Where(static line => line.StartsWith("reembed: error:", StringComparison.Ordinal)).ToList();
        Assert.Single(errors);
        Assert.Contains("401", errors[0], StringComparison.Ordinal);
        Assert.Contains("embedder.apiKeyEnv", errors[0], StringComparison.Ordinal);
        Assert.Equal(0, harness.Server.Counters.Succeeded);

        harness.ApiKey = "sk-Qz7XbW-test-4242-VvT";
        var fixedRun = await harness.RunAsync("run", "--json");

        Assert.True(fixedRun.ExitCode == 0, fixedRun.ToString());
        Assert.Equal(80, fixedRun.Json().GetProperty("embedded").GetInt64());
        harness.AssertTargetExact();
    }

    [Fact]
    public async Task Run_KeyRevokedMidRun_StopsWithCheckpointIntactThenResumesExactly()
    {
        await using var harness = await RemoteHarness.StartAsync(400, new FakeServerOptions { LatencyMean = TimeSpan.FromMilliseconds(30) });

        // One request at a time: 25 requests take ~0.75 s, so the key is revoked while most are still to come.
        // With the default concurrency the whole run could finish before the test saw its first commit.
        harness.WriteConfig(embedder => embedder["maxConcurrency"] = 1);
        using var process = CliProcess.Start(harness.Workspace.Dir, harness.Environment, "run", "--json");
        var (stdout, stderr) = CliProcess.Capture(process);
        await CliProcess.WaitForOutputAsync(process, stderr, "committed through batch");

        harness.Server.Faults.ForceStatus = 401;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        process.WaitForExit();

        Assert.True(process.ExitCode == 3, $"{stdout}\n{stderr}");
        var status = (await harness.RunAsync("status", "--json")).Json();
        Assert.Equal("failed", status.GetProperty("state").GetString());
        var committed = status.GetProperty("processed").GetInt64();
        Assert.InRange(committed, 1, 399);
        Assert.Equal(committed, harness.Workspace.ReadTarget().Count);
        Assert.Equal(0, status.GetProperty("failed").GetInt64());

        harness.Server.Faults.ForceStatus = null;
        var resumed = await harness.RunAsync("run", "--json");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.True(resumed.Json().GetProperty("resumed").GetBoolean());
        harness.AssertTargetExact();
    }

    [Fact]
    public async Task Run_KeyVariableUnset_ExitsTwoBeforeAnyRequest()
    {
        await using var harness = await RemoteHarness.StartAsync(10);
        harness.WriteConfig(embedder => embedder["apiKeyEnv"] = "REEMBED_TEST_UNSET_VARIABLE");

        var result = await harness.RunAsync("run", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("REEMBED_TEST_UNSET_VARIABLE", result.Json().GetProperty("error").GetProperty("message").GetString()!, StringComparison.Ordinal);
        Assert.Equal(0, harness.Server.Counters.Requests);
    }

    [Fact]
    public async Task Run_UnknownModel_ExitsThreeNamingTheModelKey()
    {
        await using var harness = await RemoteHarness.StartAsync(20);
        harness.WriteConfig(embedder => embedder["model"] = "text-embedding-9-nonexistent");

        var result = await harness.RunAsync("run", "--json");

        Assert.Equal(3, result.ExitCode);
        var error = result.Json().GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("embedder.model", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Outage_StatusSaysPausedAndTheJobCompletesWhenTheApiIsBack()
    {
        await using var harness = await RemoteHarness.StartAsync(200);
        harness.Server.Faults.Outage = true;
        using var process = CliProcess.Start(harness.Workspace.Dir, harness.Environment, "run", "--json");
        var (stdout, stderr) = CliProcess.Capture(process);

        var paused = await WaitForPausedAsync(harness);
        harness.Server.Faults.Outage = false;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        process.WaitForExit();

        Assert.True(paused.GetProperty("paused").GetBoolean(), paused.ToString());
        Assert.Contains("paused", paused.GetProperty("notice").GetString()!, StringComparison.Ordinal);
        Assert.True(process.ExitCode == 0, $"{stdout}\n{stderr}");
        var status = (await harness.RunAsync("status", "--json")).Json();
        Assert.Equal(200, status.GetProperty("embedded").GetInt64());
        Assert.Equal(0, status.GetProperty("failed").GetInt64());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("notice").ValueKind);
        harness.AssertTargetExact();
    }

    private static async Task<JsonElement> WaitForPausedAsync(RemoteHarness harness)
    {
        var watch = Stopwatch.StartNew();
        JsonElement last = default;
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            var status = await harness.RunAsync("status", "--json");
            if (status.ExitCode == 0)
            {
                last = status.Json();
                if (last.GetProperty("paused").GetBoolean())
                {
                    return last;
                }
            }

            await Task.Delay(250);
        }

        return last;
    }
}
