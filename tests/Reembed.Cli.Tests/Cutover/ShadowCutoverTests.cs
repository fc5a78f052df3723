using System.Text.Json.Nodes;

namespace Reembed.Tests.Cutover;

/// <summary>
/// The whole model migration through the real CLI: a live target of one hashing model, a second model written
/// into a shadow, verify, swap, rollback, cleanup — on sqlite and jsonl targets.
/// </summary>
public sealed class ShadowCutoverTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("jsonl")]
    public async Task Migration_DistinctHashingModel_VerifyPassesSwapRollbackCleanup(string targetType)
    {
        using var migration = new Migration(600, targetType);
        await migration.EmbedBothAsync();
        var old = migration.ReadLive();
        Assert.Equal(600, old.Count);
        var oldSpace = Assert.Single(old.Values.Select(static v => v.Space).Distinct());

        var verify = (await migration.RunAsync("verify", Migration.NewConfig, "--json")).AssertExit(0).Json();
        Assert.True(verify.GetProperty("passed").GetBoolean());
        var structure = verify.GetProperty("metrics").GetProperty("structure");
        Assert.Equal(0, structure.GetProperty("missing").GetInt64());
        Assert.Equal(600, structure.GetProperty("targetVectors").GetInt64());
        var quality = verify.GetProperty("metrics").GetProperty("quality");
        Assert.True(quality.GetProperty("selfHitRate").GetDouble() >= 0.9, verify.ToString());
        Assert.True(File.Exists(verify.GetProperty("reportPath").GetString()));
        Assert.Equal(old, migration.ReadLive());

        var swap = (await migration.RunAsync("swap", Migration.NewConfig, "--json")).AssertExit(0).Json();
        var demoted = swap.GetProperty("step").GetProperty("demoted").GetString()!;
        var live = migration.ReadLive();
        Assert.Equal(old.Keys.Order(), live.Keys.Order());
        var newSpace = Assert.Single(live.Values.Select(static v => v.Space).Distinct());
        Assert.NotEqual(oldSpace, newSpace);
        Assert.Equal(old, migration.Read(demoted));

        (await migration.RunAsync("rollback", Migration.NewConfig)).AssertExit(0);
        Assert.Equal(old, migration.ReadLive());

        (await migration.RunAsync("swap", Migration.NewConfig)).AssertExit(0);
        Assert.Equal(live, migration.ReadLive());
        var cleanup = (await migration.RunAsync("cleanup", Migration.NewConfig, "--yes", "--json")).AssertExit(0).Json();
        Assert.Equal(demoted, cleanup.GetProperty("dropped").GetString());
        Assert.Equal(live, migration.ReadLive());
        Assert.False(Exists(migration, demoted));

        // The finished job's checkpoint data went with it; rollback has nothing left to restore.
        var status = (await migration.RunAsync("status", Migration.NewConfig, "--json")).AssertExit(0).Json();
        Assert.Equal("completed", status.GetProperty("state").GetString());
        (await migration.RunAsync("rollback", Migration.NewConfig)).AssertExit(2);
        Assert.Equal(live, migration.ReadLive());
    }

    [Fact]
    public async Task Verify_GoldenQueriesWithBaselineEmbedder_ReportsBothSidesAndChecksThem()
    {
        using var migration = new Migration(300);
        var records = Workspace.Records(300);
        // Each query is a record's own summary: both models should rank that record near the top.
        var golden = records.Take(20).Select(static r =>
            new JsonObject { ["query"] = r["summary"]!.ToString(), ["expected"] = new JsonArray(r["id"]!.ToString()) }.ToJsonString());
        File.WriteAllLines(Path.Combine(migration.Workspace.Dir, "golden.jsonl"), golden);
        migration.WriteNew(
            new JsonObject { ["type"] = "hashing", ["dimensions"] = 384, ["features"] = new JsonArray("char3", "char4") },
            config => config["verify"] = new JsonObject
            {
                ["goldenQueries"] = "golden.jsonl",
                ["baselineEmbedder"] = new JsonObject { ["type"] = "hashing", ["dimensions"] = 256, ["features"] = new JsonArray("words") },
                ["thresholds"] = new JsonObject { ["minGoldenRecall"] = 0.5 },
            });
        await migration.EmbedBothAsync();

        var verify = (await migration.RunAsync("verify", Migration.NewConfig, "--json")).AssertExit(0).Json();

        var sides = verify.GetProperty("metrics").GetProperty("quality").GetProperty("golden").EnumerateArray()
            .ToDictionary(static g => g.GetProperty("side").GetString()!, static g => g);
        Assert.Equal(["new", "old"], sides.Keys.Order());
        Assert.All(sides.Values, static g => Assert.Equal(20, g.GetProperty("queries").GetInt32()));
        Assert.All(sides.Values, static g => Assert.InRange(g.GetProperty("recallAtK").GetDouble(), 0.5, 1.0));
        var checks = verify.GetProperty("checks").EnumerateArray().Select(static c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("goldenRecall", checks);
        Assert.Contains("goldenRecallVsOld", checks);
    }

    [Fact]
    public async Task Swap_NotVerified_RefusedAndNothingChanged()
    {
        using var migration = new Migration(200);
        await migration.EmbedBothAsync();
        var old = migration.ReadLive();
        var tables = migration.Workspace.TargetTables();

        var swap = await migration.RunAsync("swap", Migration.NewConfig);

        Assert.Equal(2, swap.ExitCode);
        Assert.Contains("not been verified", swap.Stderr, StringComparison.Ordinal);
        Assert.Equal(old, migration.ReadLive());
        Assert.Equal(tables, migration.Workspace.TargetTables());
    }

    [Fact]
    public async Task Cleanup_DemotedNameWrittenAgainByALaterJob_RefusedAndKept()
    {
        using var migration = new Migration(150);
        await migration.EmbedBothAsync();
        var swap = (await migration.RunAsync("swap", Migration.NewConfig, "--force", "--json")).AssertExit(0).Json();
        var demoted = swap.GetProperty("step").GetProperty("demoted").GetString()!;
        var old = migration.Read(demoted);

        // The old model run again with a shadow cut-over: its shadow name is the demoted table's name.
        migration.Workspace.WriteConfig(config =>
        {
            config["target"] = new JsonObject { ["type"] = "sqlite", ["path"] = "out/vectors.db", ["table"] = Migration.LiveTable, ["cutover"] = "shadow" };
            config["embedder"] = new JsonObject { ["type"] = "hashing", ["dimensions"] = 256, ["features"] = new JsonArray("words") };
        }, "old-again.json");
        (await migration.RunAsync("run", "old-again.json")).AssertExit(0);

        var cleanup = await migration.RunAsync("cleanup", Migration.NewConfig, "--yes");

        Assert.Equal(2, cleanup.ExitCode);
        Assert.Contains("written again", cleanup.Stderr, StringComparison.Ordinal);
        Assert.Equal(old, migration.Read(demoted));
    }

    [Fact]
    public async Task Swap_Forced_SwapsWithoutVerify()
    {
        using var migration = new Migration(200);
        await migration.EmbedBothAsync();
        var old = migration.ReadLive();

        var swap = (await migration.RunAsync("swap", Migration.NewConfig, "--force", "--json")).AssertExit(0).Json();

        Assert.True(swap.GetProperty("forced").GetBoolean());
        Assert.NotEqual(old.Values.First().Space, migration.ReadLive().Values.First().Space);
    }

    [Fact]
    public async Task Run_ShadowCutover_LeavesLiveUntouchedAndResumesIntoShadow()
    {
        using var migration = new Migration(300);
        (await migration.RunAsync("run", Migration.OldConfig)).AssertExit(0);
        var old = migration.ReadLive();

        (await migration.RunAsync("run", Migration.NewConfig)).AssertExit(0);
        var again = (await migration.RunAsync("run", Migration.NewConfig, "--json")).AssertExit(0).Json();

        Assert.Equal(old, migration.ReadLive());
        Assert.Equal(0, again.GetProperty("thisRun").GetProperty("embedded").GetInt64());
        Assert.Contains(migration.Workspace.TargetTables(), t => t.StartsWith(Migration.LiveTable + "__reembed_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Swap_InPlaceCutover_RefusedNamingTheKey()
    {
        using var migration = new Migration(50);
        (await migration.RunAsync("run", Migration.OldConfig)).AssertExit(0);

        var swap = await migration.RunAsync("swap", Migration.OldConfig, "--force");

        Assert.Equal(2, swap.ExitCode);
        Assert.Contains("target.cutover", swap.Stderr, StringComparison.Ordinal);
    }

    private static bool Exists(Migration migration, string name) => migration.TargetType == "jsonl"
        ? File.Exists(Path.Combine(migration.Workspace.Dir, "out", name))
        : migration.Workspace.TargetTables().Contains(name);
}
