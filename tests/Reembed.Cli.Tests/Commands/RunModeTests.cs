using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reembed.Tests;

/// <summary>Modes <c>missing</c>, <c>changed</c>, <c>all</c>, and <c>retry-failed</c>, through the real CLI.</summary>
public sealed class RunModeTests
{
    private const int Records = 2_000;

    [Fact]
    public async Task Run_Modes_EmbedExactlyWhatEachModeSelects()
    {
        using var workspace = new Workspace();
        var corpus = Workspace.Records(Records);
        workspace.WriteCorpus(corpus);
        workspace.WriteConfig();

        var first = await RunJsonAsync(workspace, "run", "--json");
        Assert.Equal(Records, first.GetProperty("embedded").GetInt64());

        var again = await CliProcess.RunAsync(workspace.Dir, "run", "--json");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(0, again.Json().GetProperty("embedded").GetInt64());
        Assert.Equal(Records, again.Json().GetProperty("skipped").GetInt64());
        Assert.Equal(0, again.EmbeddedItemsLogged);
        Assert.NotEqual(first.GetProperty("jobId").GetString(), again.Json().GetProperty("jobId").GetString());

        // Change 1% of the texts: `missing` still sees nothing to do, `changed` embeds exactly those.
        var changedIds = new HashSet<string>();
        for (var i = 0; i < Records; i += 100)
        {
            corpus[i]["description"] = $"{corpus[i]["description"]} (revised {i})";
            changedIds.Add(corpus[i]["id"]!.GetValue<string>());
        }

        workspace.WriteCorpus(corpus);
        var before = workspace.ReadTarget();
        Assert.Equal(0, (await RunJsonAsync(workspace, "run", "--json")).GetProperty("embedded").GetInt64());

        var changed = await CliProcess.RunAsync(workspace.Dir, "run", "--json", "--mode", "changed");
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Equal(changedIds.Count, changed.Json().GetProperty("embedded").GetInt64());
        Assert.Equal(Records - changedIds.Count, changed.Json().GetProperty("skipped").GetInt64());
        Assert.Equal(changedIds.Count, changed.EmbeddedItemsLogged);
        var after = workspace.ReadTarget();
        foreach (var (id, row) in after)
        {
            Assert.Equal(changedIds.Contains(id), row.Hash != before[id].Hash);
        }

        var all = await CliProcess.RunAsync(workspace.Dir, "run", "--json", "--mode", "all");
        Assert.Equal(0, all.ExitCode);
        Assert.Equal(Records, all.Json().GetProperty("embedded").GetInt64());
        Assert.Equal(Records, all.EmbeddedItemsLogged);
    }

    [Fact]
    public async Task RetryFailed_AfterFixingTheSource_ProcessesExactlyTheLedger()
    {
        using var workspace = new Workspace();
        var corpus = Workspace.Records(500);
        var broken = new[] { 10, 200, 499 }.Select(i => corpus[i]["id"]!.GetValue<string>()).ToArray();
        var descriptions = new Dictionary<string, JsonNode?>();
        foreach (var record in corpus.Where(r => broken.Contains(r["id"]!.GetValue<string>())))
        {
            descriptions[record["id"]!.GetValue<string>()] = record["description"]!.DeepClone();
            record.Remove("description");
        }

        workspace.WriteCorpus(corpus);
        workspace.WriteConfig();
        var run = await CliProcess.RunAsync(workspace.Dir, "run", "--json");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(3, run.Json().GetProperty("failed").GetInt64());
        Assert.Equal(497, workspace.ReadTarget().Count);

        var status = await CliProcess.RunAsync(workspace.Dir, "status", "--json");
        var failures = status.Json().GetProperty("failures").EnumerateArray().ToArray();
        Assert.Equal(broken.Order(), failures.Select(f => f.GetProperty("key").GetString()!).Order());
        Assert.All(failures, f => Assert.Contains("'description'", f.GetProperty("reason").GetString(), StringComparison.Ordinal));
        Assert.All(failures, f => Assert.Equal("compose", f.GetProperty("stage").GetString()));

        // Still broken: a retry re-fails the same three, counting an attempt each, and embeds nothing.
        var retryBroken = await CliProcess.RunAsync(workspace.Dir, "retry-failed", "--json");
        Assert.Equal(1, retryBroken.ExitCode);
        Assert.Equal(0, retryBroken.EmbeddedItemsLogged);
        var again = (await CliProcess.RunAsync(workspace.Dir, "status", "--json")).Json();
        Assert.All(again.GetProperty("failures").EnumerateArray(), f => Assert.Equal(2, f.GetProperty("attempts").GetInt32()));

        foreach (var record in corpus.Where(r => broken.Contains(r["id"]!.GetValue<string>())))
        {
            record["description"] = descriptions[record["id"]!.GetValue<string>()];
        }

        workspace.WriteCorpus(corpus);
        var retry = await CliProcess.RunAsync(workspace.Dir, "retry-failed", "--json");
        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Equal(3, retry.EmbeddedItemsLogged);
        var json = retry.Json();
        Assert.Equal(0, json.GetProperty("failed").GetInt64());
        Assert.Equal(500, json.GetProperty("embedded").GetInt64());
        Assert.Equal(500, json.GetProperty("processed").GetInt64());
        Assert.Equal(500, workspace.ReadTarget().Count);
        Assert.Empty((await CliProcess.RunAsync(workspace.Dir, "status", "--json")).Json().GetProperty("failures").EnumerateArray());
    }

    [Fact]
    public async Task Plan_ReportsModesAndTokens_AndWritesNothing()
    {
        using var workspace = new Workspace();
        var corpus = Workspace.Records(300);
        workspace.WriteCorpus(corpus);
        workspace.WriteConfig();

        var plan = await CliProcess.RunAsync(workspace.Dir, "plan", "--json");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        var json = plan.Json();
        Assert.Equal(300, json.GetProperty("records").GetInt64());
        Assert.False(json.GetProperty("targetExists").GetBoolean());
        Assert.Equal(300, json.GetProperty("modes").GetProperty("missing").GetProperty("items").GetInt64());
        Assert.True(json.GetProperty("modes").GetProperty("all").GetProperty("tokens").GetInt64() > 300);
        Assert.True(json.GetProperty("estimatedSeconds").GetDouble() >= 0);
        Assert.False(File.Exists(workspace.TargetPath), "plan created the target");
        Assert.False(Directory.Exists(Path.Combine(workspace.Dir, ".reembed")), "plan created the state store");

        await RunJsonAsync(workspace, "run", "--json");
        corpus[7]["summary"] = "a different summary";
        workspace.WriteCorpus(corpus);
        var targetBefore = File.ReadAllBytes(workspace.TargetPath);
        var replan = (await CliProcess.RunAsync(workspace.Dir, "plan", "--json")).Json();
        Assert.Equal(0, replan.GetProperty("modes").GetProperty("missing").GetProperty("items").GetInt64());
        Assert.Equal(1, replan.GetProperty("modes").GetProperty("changed").GetProperty("items").GetInt64());
        Assert.Equal(300, replan.GetProperty("modes").GetProperty("all").GetProperty("items").GetInt64());
        Assert.Equal(targetBefore, File.ReadAllBytes(workspace.TargetPath));
    }

    private static async Task<JsonElement> RunJsonAsync(Workspace workspace, params string[] args)
    {
        var result = await CliProcess.RunAsync(workspace.Dir, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json();
    }
}
