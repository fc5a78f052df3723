using Reembed.Testing.FakeApi;

namespace Reembed.Tests;

/// <summary>The <c>openai</c> embedder through the real CLI against a fake OpenAI-compatible server.</summary>
public sealed class RemoteRunTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_FloatOrBase64Responses_StoresExactlyTheServersVectors(bool serverRejectsBase64)
    {
        await using var harness = await RemoteHarness.StartAsync(200, new FakeServerOptions { RejectBase64 = serverRejectsBase64, ShuffleData = true });

        var result = await harness.RunAsync("run", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(200, result.Json().GetProperty("embedded").GetInt64());
        harness.AssertTargetExact();
        Assert.DoesNotContain("\"encoding_format\"", serverRejectsBase64 ? harness.Server.Counters.LastRequestBody! : "", StringComparison.Ordinal);
        Assert.Equal(0, harness.Server.Counters.ChunkedRequests);
    }

    [Fact]
    public async Task Run_UnchangedCorpusIntoANewTarget_SendsNoEmbeddingRequest()
    {
        await using var harness = await RemoteHarness.StartAsync(150);
        var first = await harness.RunAsync("run", "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        var requests = harness.Server.Counters.EmbeddingRequests;
        Assert.True(requests > 0);

        harness.WriteConfig(root: config => config["target"]!["path"] = "out/second.db");
        var second = await harness.RunAsync("run", "--json");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(requests, harness.Server.Counters.EmbeddingRequests);
        Assert.Equal(150, second.Json().GetProperty("cached").GetInt64());
        Assert.Equal(0, second.Json().GetProperty("embedded").GetInt64());
        var status = await harness.RunAsync("status", "--json");
        Assert.Equal(150, status.Json().GetProperty("cache").GetProperty("hits").GetInt64());
        Assert.Equal(0, status.Json().GetProperty("cache").GetProperty("misses").GetInt64());
    }

    [Fact]
    public async Task Run_TransientFaultsOfEveryKind_CompletesWithEveryVectorExact()
    {
        await using var harness = await RemoteHarness.StartAsync(300);
        harness.Server.Faults.FailNext(FakeFault.RateLimited, 2);
        harness.Server.Faults.FailNext(FakeFault.Hang);
        harness.Server.Faults.ServerErrorRate = 0.1;
        harness.Server.Faults.ResetRate = 0.05;
        harness.Server.Faults.MalformedRate = 0.05;
        harness.Server.Faults.TruncatedRate = 0.05;
        harness.WriteConfig(embedder => embedder["requestTimeoutSeconds"] = 1);

        var result = await harness.RunAsync("run", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(300, result.Json().GetProperty("embedded").GetInt64());
        Assert.Equal(0, result.Json().GetProperty("failed").GetInt64());
        Assert.True(harness.Server.Counters.Faulted + harness.Server.Counters.RateLimited >= 3, "faults were injected");
        harness.AssertTargetExact();
    }

    [Fact]
    public async Task Run_PoisonInputs_LedgeredWithTheApisMessageAndBatchMatesWritten()
    {
        await using var harness = await RemoteHarness.StartAsync(100);
        var poisoned = new[] { 7, 40, 41 }.Select(i => harness.Records[i]).ToList();
        foreach (var record in poisoned)
        {
            record["description"] = $"{record["description"]} POISON";
        }

        harness.Workspace.WriteCorpus(harness.Records);

        var result = await harness.RunAsync("run", "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(97, result.Json().GetProperty("embedded").GetInt64());
        var failures = (await harness.RunAsync("status", "--json")).Json().GetProperty("failures").EnumerateArray().ToList();
        Assert.Equal(poisoned.Select(r => r["id"]!.ToString()).Order(), failures.Select(f => f.GetProperty("key").GetString()!).Order());
        Assert.All(failures, f => Assert.Contains("Invalid input", f.GetProperty("reason").GetString()!, StringComparison.Ordinal));
        Assert.All(failures, f => Assert.Equal("rejected-input", f.GetProperty("class").GetString()));
        harness.AssertTargetExact(harness.Records.Except(poisoned).Select(r => r["id"]!.ToString()));
    }

    [Fact]
    public async Task Run_BadVectors_LedgeredNeverWrittenThenRetryFailedFixesThem()
    {
        await using var harness = await RemoteHarness.StartAsync(120);
        harness.Server.Faults.FailNext(FakeFault.NaN, 2);
        harness.Server.Faults.FailNext(FakeFault.WrongDimension, 2);
        harness.Server.Faults.FailNext(FakeFault.WrongCount, 1);

        var result = await harness.RunAsync("run", "--json");

        Assert.Equal(1, result.ExitCode);
        var failures = (await harness.RunAsync("status", "--json")).Json().GetProperty("failures").EnumerateArray().ToList();
        Assert.Equal(4, failures.Count);
        Assert.Equal(["non-finite", "non-finite", "wrong-dimension", "wrong-dimension"],
            failures.Select(f => f.GetProperty("class").GetString()!).Order());
        var target = harness.Workspace.ReadTarget();
        Assert.Equal(116, target.Count);
        Assert.All(failures, f => Assert.DoesNotContain(f.GetProperty("key").GetString()!, target.Keys));

        var retry = await harness.RunAsync("retry-failed", "--json");

        Assert.True(retry.ExitCode == 0, retry.ToString());
        harness.AssertTargetExact();
    }
}
