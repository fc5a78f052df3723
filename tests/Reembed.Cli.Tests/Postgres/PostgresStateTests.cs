using System.Text.Json.Nodes;
using Npgsql;

namespace Reembed.Tests;

/// <summary>The state store and the cache on PostgreSQL (<c>state: { type: postgres }</c>), through the real CLI.</summary>
public sealed class PostgresStateTests
{
    private const int Records = 3000;

    [Fact]
    public async Task Run_StateAndCacheOnPostgres_StatusJobsAndResumeWorkAndNoOutputHoldsThePassword()
    {
        await using var pg = new PgDocs();
        await pg.CreateAsync(Workspace.Records(Records));
        var shadow = $"{pg.Schema}.docs_vectors";
        pg.WriteConfig(shadow, config =>
        {
            config["embedder"]!["maxConcurrency"] = 1;
            config["batch"] = new JsonObject { ["maxItems"] = 4 };
            config["state"] = new JsonObject { ["type"] = "postgres", ["connectionStringEnv"] = PgDocs.Variable, ["schema"] = pg.Schema };
            config["cache"] = new JsonObject { ["type"] = "postgres", ["connectionStringEnv"] = PgDocs.Variable, ["schema"] = pg.Schema };
        });
        var outputs = new List<string>();

        using (var process = CliProcess.Start(pg.Workspace.Dir, pg.Environment, "run", "--json"))
        {
            var (stdout, stderr) = CliProcess.Capture(process);
            await CliProcess.WaitForOutputAsync(process, stderr, "committed through batch");
            Assert.False(process.HasExited, "the run ended before it could be killed");
            process.Kill();
            await process.WaitForExitAsync();
            process.WaitForExit();
            lock (stderr)
            {
                outputs.Add(stdout + stderr.ToString());
            }
        }

        var status = await pg.RunAsync("status", "--json");
        outputs.Add(status.ToString());
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.False(status.Json().GetProperty("running").GetBoolean());
        var jobId = status.Json().GetProperty("jobId").GetString();

        var resumed = await pg.RunAsync("run", "--json");
        outputs.Add(resumed.ToString());
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.True(resumed.Json().GetProperty("resumed").GetBoolean());
        Assert.Equal(jobId, resumed.Json().GetProperty("jobId").GetString());
        Assert.Equal(Records, resumed.Json().GetProperty("processed").GetInt64());

        var jobs = await pg.RunAsync("jobs", "--json");
        outputs.Add(jobs.ToString());
        var job = Assert.Single(jobs.Json().GetProperty("jobs").EnumerateArray());
        Assert.Equal("completed", job.GetProperty("state").GetString());
        var human = await pg.RunAsync("status");
        outputs.Add(human.ToString());
        Assert.Contains("completed", human.Stdout, StringComparison.Ordinal);

        // Every vector went through the cache (one entry per distinct text): a forced fresh run of everything is served from it.
        var again = await pg.RunAsync("run", "--restart", "--mode", "all", "--json");
        outputs.Add(again.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(Records, again.Json().GetProperty("cached").GetInt64());
        await using (var connection = await pg.OpenAsync())
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{pg.Schema}\".cache_vectors", connection);
            var distinctTexts = (await pg.ReadTextsAsync()).Values.Distinct(StringComparer.Ordinal).Count();
            Assert.Equal((long)distinctTexts, await count.ExecuteScalarAsync());
        }

        Assert.Equal(2, (await pg.RunAsync("jobs", "--json")).Json().GetProperty("jobs").GetArrayLength());
        Assert.False(Directory.Exists(Path.Combine(pg.Workspace.Dir, ".reembed")), "a SQLite state or cache was created next to the config");

        var builder = new NpgsqlConnectionStringBuilder(pg.ConnectionString);
        Assert.All(outputs, output =>
        {
            Assert.DoesNotContain(pg.ConnectionString, output, StringComparison.Ordinal);
            Assert.DoesNotContain("Password=", output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain($"{builder.Username}:{builder.Password}", output, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Run_WrongPasswordForTheStateStore_FailsNamingTheKeyWithoutThePassword()
    {
        await using var pg = new PgDocs();
        await pg.CreateAsync(Workspace.Records(10));
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var wrong = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Password = password }.ConnectionString;
        pg.WriteConfig(pg.Docs, config =>
            config["state"] = new JsonObject { ["type"] = "postgres", ["connectionStringEnv"] = "STATE_URL", ["schema"] = pg.Schema });

        var run = await CliProcess.RunAsync(pg.Workspace.Dir, new Dictionary<string, string> { [PgDocs.Variable] = pg.ConnectionString, ["STATE_URL"] = wrong }, "run", "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("state", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(password, run.ToString(), StringComparison.Ordinal);

        var missing = await CliProcess.RunAsync(pg.Workspace.Dir, pg.Environment, "status", "--json");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("state.connectionStringEnv", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("STATE_URL", missing.Stderr, StringComparison.Ordinal);
    }
}
