using System.Text;
using Reembed.Testing.FakeApi;

namespace Reembed.Tests;

/// <summary>Guarantee 6: the API key appears nowhere — logs, state, cache, target, errors, <c>--json</c>.</summary>
public sealed class RemoteSecretsTests
{
    private const string GoodKey = "sk-Qz7XbW-secret-4242-VvT";
    private const string BadKey = "sk-Jm4PdQ-wrong-8686-KkR";

    // Whole keys and the pieces a server's masked echo (first 6 + stars + last 4) would carry.
    private static readonly string[] Needles = ["Qz7XbW", "secret-4242", "4242-VvT", "Jm4PdQ", "wrong-8686", "8686-KkR", "sk-Qz7", "sk-Jm4"];

    [Fact]
    public async Task EveryVerb_WithGoodAndBadKeys_NeverWritesTheKeyAnywhere()
    {
        await using var harness = await RemoteHarness.StartAsync(120, new FakeServerOptions { ApiKey = GoodKey });
        harness.Server.Faults.ServerErrorRate = 0.1;
        harness.Server.Faults.FailNext(FakeFault.RateLimited);
        harness.Records[3]["description"] = "POISON";
        harness.Workspace.WriteCorpus(harness.Records);
        var outputs = new List<CliResult>();

        harness.ApiKey = BadKey;
        outputs.Add(await harness.RunAsync("run", "--verbose"));
        outputs.Add(await harness.RunAsync("run", "--json"));
        harness.ApiKey = GoodKey;
        outputs.Add(await harness.RunAsync("plan", "--json"));
        outputs.Add(await harness.RunAsync("run", "--verbose"));
        outputs.Add(await harness.RunAsync("status", "--json"));
        outputs.Add(await harness.RunAsync("status"));
        outputs.Add(await harness.RunAsync("jobs", "--json"));
        outputs.Add(await harness.RunAsync("retry-failed", "--json"));

        Assert.Equal(3, outputs[0].ExitCode);
        Assert.Contains("401", outputs[0].Stderr, StringComparison.Ordinal);
        Assert.Equal(1, outputs[3].ExitCode);
        foreach (var output in outputs)
        {
            AssertClean(output.Stdout + output.Stderr, output.ToString());
        }

        var files = Directory.EnumerateFiles(harness.Workspace.Dir, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, static f => f.EndsWith("state.db", StringComparison.Ordinal));
        Assert.Contains(files, static f => f.EndsWith("cache.db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            AssertClean(Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), file);
        }
    }

    private static void AssertClean(string text, string where)
    {
        foreach (var needle in Needles)
        {
            Assert.False(text.Contains(needle, StringComparison.Ordinal), $"'{needle}' found in {where}");
        }
    }
}
