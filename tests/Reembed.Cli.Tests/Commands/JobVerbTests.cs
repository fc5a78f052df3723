using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Reembed.Tests;

/// <summary><c>init</c>, <c>cancel</c>, <c>jobs</c>, <c>status</c>, and the sqlite source through the real CLI.</summary>
public sealed class JobVerbTests
{
    [Fact]
    public async Task Cancel_RunningJob_StopsItWith130AndItResumes()
    {
        using var workspace = new Workspace();
        workspace.WriteCorpus(Workspace.Records(20_000));
        // One record per batch makes the run slow enough (a commit per record) to be watched and cancelled.
        workspace.WriteConfig(config =>
        {
            config["embedder"]!["maxConcurrency"] = 1;
            config["batch"] = new JsonObject { ["maxItems"] = 1 };
        });
        var environment = new Dictionary<string, string> { ["REEMBED_PROGRESS_SECONDS"] = "0.05" };
        using var process = CliProcess.Start(workspace.Dir, environment, "run", "--json");
        var (stdout, stderr) = CliProcess.Capture(process);
        await CliProcess.WaitForOutputAsync(process, stderr, "committed through batch");

        // The state holds a rate once a commit landed and a total once the count finished: poll for both.
        CliResult status;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            status = await CliProcess.RunAsync(workspace.Dir, "status", "--json");
        }
        while (status.ExitCode == 0 && DateTime.UtcNow < deadline
            && (status.Json().GetProperty("total").ValueKind == System.Text.Json.JsonValueKind.Null
                || status.Json().GetProperty("recordsPerSecond").GetDouble() <= 0));

        Assert.True(status.ExitCode == 0, status.ToString());
        var running = status.Json();
        Assert.True(running.GetProperty("running").GetBoolean(), status.ToString());
        Assert.Equal("running", running.GetProperty("state").GetString());
        Assert.Equal(20_000, running.GetProperty("total").GetInt64());
        Assert.True(running.GetProperty("recordsPerSecond").GetDouble() > 0);
        Assert.True(running.GetProperty("etaSeconds").GetDouble() > 0);
        Assert.Equal(16, running.GetProperty("space").GetProperty("id").GetString()!.Length);

        var cancel = await CliProcess.RunAsync(workspace.Dir, "cancel", "--json");
        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        Assert.Equal("cancel-requested", cancel.Json().GetProperty("outcome").GetString());
        await process.WaitForExitAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}\n{stdout}\n{stderr}");

        var jobs = (await CliProcess.RunAsync(workspace.Dir, "jobs", "--json")).Json().GetProperty("jobs").EnumerateArray().ToList();
        var job = Assert.Single(jobs);
        Assert.Equal("cancelled", job.GetProperty("state").GetString());

        // Batch size is not part of the job's identity: the resume may use bigger batches.
        workspace.WriteConfig(config => config["embedder"]!["maxConcurrency"] = 1);
        var resumed = await CliProcess.RunAsync(workspace.Dir, "run", "--json");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(job.GetProperty("jobId").GetString(), resumed.Json().GetProperty("jobId").GetString());
        Assert.Equal(20_000, workspace.ReadTarget().Count);
    }

    [Fact]
    public async Task Init_WritesAConfigAndRefusesToOverwriteIt()
    {
        using var workspace = new Workspace();
        var init = await CliProcess.RunAsync(workspace.Dir, "init", "--source", "sqlite", "--target", "jsonl", "--json");
        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Equal(workspace.ConfigPath, init.Json().GetProperty("path").GetString());
        var text = await File.ReadAllTextAsync(workspace.ConfigPath);
        Assert.Contains("\"type\": \"sqlite\"", text, StringComparison.Ordinal);

        // The written config is valid: a plan fails only because its example database is absent.
        var plan = await CliProcess.RunAsync(workspace.Dir, "plan");
        Assert.Equal(2, plan.ExitCode);
        Assert.Contains("source.path", plan.Stderr, StringComparison.Ordinal);

        var again = await CliProcess.RunAsync(workspace.Dir, "init");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--force", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await CliProcess.RunAsync(workspace.Dir, "init", "--force")).ExitCode);
    }

    [Fact]
    public async Task Run_SqliteSourceToJsonlTarget_ChangedModeEmbedsOnlyChangedRows()
    {
        using var workspace = new Workspace();
        var database = Path.Combine(workspace.Dir, "source.db");
        SQLitePCL.Batteries_V2.Init();
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, body TEXT);" +
                string.Concat(Enumerable.Range(1, 300).Select(i => $"INSERT INTO docs VALUES ({i}, 'title {i}', 'body of document {i}');"));
            await create.ExecuteNonQueryAsync();
        }

        workspace.WriteConfig(config =>
        {
            config["source"] = new JsonObject { ["type"] = "sqlite", ["path"] = "source.db", ["table"] = "docs", ["text"] = "{title}: {body}" };
            config["target"] = new JsonObject { ["type"] = "jsonl", ["path"] = "out/vectors.jsonl" };
        });
        var first = await CliProcess.RunAsync(workspace.Dir, "run", "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(300, first.Json().GetProperty("embedded").GetInt64());

        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE docs SET body = 'rewritten' WHERE id IN (7, 150, 300)";
            await update.ExecuteNonQueryAsync();
        }

        var changed = await CliProcess.RunAsync(workspace.Dir, "run", "--json", "--mode", "changed");
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Equal(3, changed.Json().GetProperty("embedded").GetInt64());

        // The jsonl target is compacted at completion: one line per id, the rewritten ones updated.
        var lines = await File.ReadAllLinesAsync(Path.Combine(workspace.Dir, "out", "vectors.jsonl"));
        Assert.Equal(300, lines.Length);
        var rows = lines.Select(static line => JsonNode.Parse(line)!).ToDictionary(static row => row["id"]!.GetValue<string>());
        Assert.Equal(ContentHash.Compute("title 150: rewritten"), rows["150"]!["content_hash"]!.GetValue<string>());
        Assert.Equal(384, rows["1"]!["vector"]!.AsArray().Count);
    }
}
