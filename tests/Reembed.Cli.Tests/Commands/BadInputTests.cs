using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Reembed.Tests;

/// <summary>DESIGN §4.3 and §4.5: bad records are ledgered with their line; bad config exits 2 naming the key.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task Run_BadRecords_AreLedgeredSkippedOrResolved_AndGoodOnesWritten()
    {
        using var workspace = new Workspace();
        var good = Workspace.Records(20).Select(static r => r.ToJsonString()).ToList();
        var lines = new List<byte[]>();
        lines.AddRange(good.Take(5).Select(Encoding.UTF8.GetBytes));                                  // lines 1-5
        lines.Add("{\"id\": \"broken\", \"summary\": \"no closing brace\""u8.ToArray());               // line 6: malformed
        lines.Add("{\"id\": \"blank\", \"summary\": \"  \", \"description\": \"\\n\"}"u8.ToArray());  // line 7: empty text
        lines.Add("{\"id\": \"nodesc\", \"summary\": \"only a summary\"}"u8.ToArray());               // line 8: field absent
        lines.Add([.. "{\"id\": \"latin1\", \"summary\": \"caf"u8, 0xE9, .. "\", \"description\": \"x\"}"u8]); // line 9: invalid UTF-8
        lines.Add("{\"id\": \"dup\", \"summary\": \"first\", \"description\": \"one\"}"u8.ToArray());  // line 10
        lines.AddRange(good.Skip(5).Select(Encoding.UTF8.GetBytes));                                  // lines 11-25
        lines.Add("{\"id\": \"dup\", \"summary\": \"second\", \"description\": \"two\"}"u8.ToArray()); // line 26: duplicate id
        Directory.CreateDirectory(Path.GetDirectoryName(workspace.CorpusPath)!);
        await File.WriteAllBytesAsync(workspace.CorpusPath, lines.SelectMany(static line => line.Append((byte)'\n')).ToArray());
        workspace.WriteConfig();

        var run = await CliProcess.RunAsync(workspace.Dir, "run", "--json");
        Assert.True(run.ExitCode == 1, run.ToString());
        var json = run.Json();
        Assert.Equal(26, json.GetProperty("processed").GetInt64());
        Assert.Equal(3, json.GetProperty("failed").GetInt64());
        Assert.Equal(1, json.GetProperty("skipped").GetInt64());
        Assert.Equal(22, json.GetProperty("embedded").GetInt64());

        var failures = (await CliProcess.RunAsync(workspace.Dir, "status", "--json")).Json().GetProperty("failures")
            .EnumerateArray().ToDictionary(f => f.GetProperty("locator").GetString()!, f => f);
        Assert.Equal("malformed-json", failures["line 6"].GetProperty("class").GetString());
        Assert.Contains("line 6", failures["line 6"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("missing-field", failures["line 8"].GetProperty("class").GetString());
        Assert.Contains("'description'", failures["line 8"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid-utf8", failures["line 9"].GetProperty("class").GetString());

        // Duplicate ids: the later record wins, deterministically (writes happen in source order).
        var target = workspace.ReadTarget();
        Assert.Equal(21, target.Count);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("second\n\ntwo"u8)), target["dup"].Hash);
        Assert.False(target.ContainsKey("blank"));
    }

    [Theory]
    [InlineData("{\"soruce\": {}}", "soruce")]
    [InlineData("{\"source\": {\"type\": \"jsonl\", \"text\": \"{a}\"}, \"target\": {\"type\": \"sqlite\", \"path\": \"o.db\"}, \"embedder\": {\"type\": \"hashing\"}}", "source.path")]
    [InlineData("{\"source\": {\"type\": \"jsonl\", \"path\": \"d.jsonl\", \"text\": \"{a}\"}, \"target\": {\"type\": \"sqlite\", \"path\": \"o.db\"}, \"embedder\": {\"type\": \"hashing\", \"dimensions\": \"big\"}}", "embedder.dimensions")]
    [InlineData("{\"source\": {\"type\": \"jsonl\", \"path\": \"d.jsonl\", \"text\": \"{a\"}, \"target\": {\"type\": \"sqlite\", \"path\": \"o.db\"}, \"embedder\": {\"type\": \"hashing\"}}", "source.text")]
    [InlineData("{\"source\": {\"type\": \"jsonl\", \"path\": \"d.jsonl\", \"text\": \"{a}\"}, \"target\": {\"type\": \"sqlite\", \"path\": \"o.db\"}, \"embedder\": {\"type\": \"hashing\"}, \"mode\": \"some\"}", "mode")]
    [InlineData("{\"source\": {\"type\": \"jsonl\", \"path\": \"d.jsonl\", \"text\": \"{a}\", \"tabel\": \"x\"}, \"target\": {\"type\": \"sqlite\", \"path\": \"o.db\"}, \"embedder\": {\"type\": \"hashing\"}}", "source.tabel")]
    [InlineData("{\"source\": [1, 2]}", "source")]
    [InlineData("{\"source\": {\n\"type\": \"jsonl\",,\n}}", "line 2")]
    public async Task Run_BadConfig_Exits2NamingTheKey(string config, string key)
    {
        using var workspace = new Workspace();
        await File.WriteAllTextAsync(workspace.ConfigPath, config);
        var result = await CliProcess.RunAsync(workspace.Dir, "run", "--json");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(key, result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, result.Json().GetProperty("exitCode").GetInt32());
        Assert.Contains(key, result.Json().GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingSourceFile_Exits2NamingThePath()
    {
        using var workspace = new Workspace();
        workspace.WriteConfig();
        var result = await CliProcess.RunAsync(workspace.Dir, "run");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(workspace.CorpusPath, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingConfigFile_Exits2NamingThePath()
    {
        using var workspace = new Workspace();
        var result = await CliProcess.RunAsync(workspace.Dir, "run", "nowhere.json");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(Path.Combine(workspace.Dir, "nowhere.json"), result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnwritableTarget_Exits3WithAClearMessage()
    {
        using var workspace = new Workspace();
        workspace.WriteCorpus(Workspace.Records(10));
        await File.WriteAllTextAsync(Path.Combine(workspace.Dir, "blocker"), "a file where a folder should be");
        workspace.WriteConfig(config => config["target"]!["path"] = "blocker/vectors.db");
        var result = await CliProcess.RunAsync(workspace.Dir, "run");
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("cannot write target", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("blocker", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OtherEmbedderIntoExistingTarget_IsRefusedAndTargetUnchanged()
    {
        using var workspace = new Workspace();
        workspace.WriteCorpus(Workspace.Records(50));
        workspace.WriteConfig();
        Assert.Equal(0, (await CliProcess.RunAsync(workspace.Dir, "run")).ExitCode);
        var before = workspace.ReadTarget();

        workspace.WriteConfig(config => config["embedder"]!["seed"] = 7);
        var result = await CliProcess.RunAsync(workspace.Dir, "run", "--mode", "all");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("space", result.Stderr, StringComparison.Ordinal);
        var after = workspace.ReadTarget();
        Assert.All(before, pair => Assert.True(pair.Value.Vector.AsSpan().SequenceEqual(after[pair.Key].Vector)));

        // A new target is fine.
        workspace.WriteConfig(config =>
        {
            config["embedder"]!["seed"] = 7;
            config["target"]!["table"] = "docs_vectors_v2";
        });
        Assert.Equal(0, (await CliProcess.RunAsync(workspace.Dir, "run")).ExitCode);
    }

    [Fact]
    public async Task Run_UnfinishedJobWithOtherSettings_IsRefusedUnlessRestart()
    {
        using var workspace = new Workspace();
        workspace.WriteCorpus(Workspace.Records(2_000));
        workspace.WriteConfig(config => config["batch"] = new JsonObject { ["maxItems"] = 8 });
        using (var process = CliProcess.Start(workspace.Dir, null, "run"))
        {
            var (_, stderr) = CliProcess.Capture(process);
            await CliProcess.WaitForOutputAsync(process, stderr, "committed through batch");

            process.Kill();
            await process.WaitForExitAsync();
        }

        workspace.WriteConfig(config =>
        {
            config["batch"] = new JsonObject { ["maxItems"] = 8 };
            config["source"]!["text"] = "{summary}";
        });
        var refused = await CliProcess.RunAsync(workspace.Dir, "run");
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("--restart", refused.Stderr, StringComparison.Ordinal);

        var restarted = await CliProcess.RunAsync(workspace.Dir, "run", "--restart", "--mode", "all", "--json");
        Assert.True(restarted.ExitCode == 0, restarted.ToString());
        Assert.False(restarted.Json().GetProperty("resumed").GetBoolean());
        Assert.Equal(2_000, restarted.Json().GetProperty("embedded").GetInt64());
    }
}
