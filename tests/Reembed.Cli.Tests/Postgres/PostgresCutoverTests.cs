using System.Text.Json.Nodes;
using Npgsql;

namespace Reembed.Tests;

/// <summary>Shadow migration on a postgres target through the real CLI: verify, swap, rollback, cleanup, and a killed swap.</summary>
public sealed class PostgresCutoverTests
{
    private const int Records = 300;
    private const int SigKill = 9;

    [Fact]
    public async Task Migration_ShadowTable_VerifySwapRollbackCleanup()
    {
        await using var pg = await MigratedAsync();
        var live = $"{pg.Schema}.docs_vectors";
        var old = await pg.ReadVectorsAsync(live);

        var verify = (await pg.RunAsync("verify", "new.json", "--json")).AssertExit(0).Json();
        Assert.True(verify.GetProperty("passed").GetBoolean());
        Assert.Equal(old.Count, (await pg.ReadVectorsAsync(live)).Count);

        var swap = (await pg.RunAsync("swap", "new.json", "--json")).AssertExit(0).Json();
        var demoted = swap.GetProperty("step").GetProperty("demoted").GetString()!;
        var swapped = await pg.ReadVectorsAsync(live);
        Assert.Equal(Records, swapped.Count);
        Assert.All(swapped.Values, static row => Assert.Equal(96, row.Vector.Length));
        Assert.Equal(Dims(old), Dims(await pg.ReadVectorsAsync(Qualified(pg, demoted))));

        (await pg.RunAsync("rollback", "new.json")).AssertExit(0);
        AssertSame(old, await pg.ReadVectorsAsync(live));

        (await pg.RunAsync("swap", "new.json")).AssertExit(0);
        (await pg.RunAsync("cleanup", "new.json", "--yes")).AssertExit(0);
        AssertSame(swapped, await pg.ReadVectorsAsync(live));
        Assert.False(await TableExistsAsync(pg, Qualified(pg, demoted)));
    }

    [Fact]
    public async Task Swap_KilledBetweenRenames_OldStaysLiveAndSwapCompletesAfter()
    {
        await using var pg = await MigratedAsync();
        var live = $"{pg.Schema}.docs_vectors";
        var old = await pg.ReadVectorsAsync(live);

        var environment = new Dictionary<string, string>(pg.Environment) { [FaultHook.Variable] = "swap.renamed" };
        using var process = CliProcess.Start(pg.Workspace.Dir, environment, "swap", "new.json", "--force");
        var (_, stderr) = CliProcess.Capture(process);
        await CliProcess.WaitForOutputAsync(process, stderr, "paused at swap.renamed");
        Assert.True(CliProcess.Contains(stderr, "paused at swap.renamed"), stderr.ToString());
        CliProcess.Signal(process, SigKill);
        await process.WaitForExitAsync();

        AssertSame(old, await pg.ReadVectorsAsync(live));
        (await pg.RunAsync("swap", "new.json", "--force")).AssertExit(0);
        Assert.All((await pg.ReadVectorsAsync(live)).Values, static row => Assert.Equal(96, row.Vector.Length));
    }

    [Fact]
    public async Task Migration_InPlaceShadowColumn_VerifySwapRollbackCleanup()
    {
        await using var pg = new PgDocs();
        await pg.CreateAsync(Workspace.Records(Records), ", embedding real[]");
        pg.WriteConfig(pg.Docs, config => config["embedder"] = new JsonObject { ["type"] = "hashing", ["dimensions"] = 64, ["features"] = new JsonArray("words") });
        (await pg.RunAsync("run")).AssertExit(0);
        var old = await pg.ReadVectorsAsync(pg.Docs, hash: "embedding_hash");
        pg.Workspace.WriteConfig(config =>
        {
            config["source"] = new JsonObject { ["type"] = "postgres", ["connectionStringEnv"] = PgDocs.Variable, ["table"] = pg.Docs, ["id"] = "id", ["text"] = PgDocs.Template };
            config["target"] = new JsonObject { ["type"] = "postgres", ["table"] = pg.Docs, ["vectorType"] = "real[]", ["cutover"] = "shadow" };
            config["embedder"] = new JsonObject { ["type"] = "hashing", ["dimensions"] = 96, ["features"] = new JsonArray("char3", "char4") };
        }, "new.json");

        (await pg.RunAsync("run", "new.json")).AssertExit(0);
        AssertSame(old, await pg.ReadVectorsAsync(pg.Docs, hash: "embedding_hash"));
        var verify = (await pg.RunAsync("verify", "new.json", "--json")).AssertExit(0).Json();
        Assert.True(verify.GetProperty("passed").GetBoolean());

        var swap = (await pg.RunAsync("swap", "new.json", "--json")).AssertExit(0).Json();
        var demoted = swap.GetProperty("step").GetProperty("demoted").GetString()!;
        var swapped = await pg.ReadVectorsAsync(pg.Docs, hash: "embedding_hash");
        Assert.Equal(Records, swapped.Count);
        Assert.All(swapped.Values, static row => Assert.Equal(96, row.Vector.Length));
        AssertSame(old, await pg.ReadVectorsAsync(pg.Docs, demoted, demoted + "_hash"));

        (await pg.RunAsync("rollback", "new.json")).AssertExit(0);
        AssertSame(old, await pg.ReadVectorsAsync(pg.Docs, hash: "embedding_hash"));
        (await pg.RunAsync("swap", "new.json")).AssertExit(0);
        (await pg.RunAsync("cleanup", "new.json", "--yes")).AssertExit(0);
        AssertSame(swapped, await pg.ReadVectorsAsync(pg.Docs, hash: "embedding_hash"));
        Assert.Equal(0, await ColumnCountAsync(pg, demoted));
    }

    /// <summary>A live table of the 64-dim hashing model and a shadow of a 96-dim char n-gram model beside it.</summary>
    private static async Task<PgDocs> MigratedAsync()
    {
        var pg = new PgDocs();
        await pg.CreateAsync(Workspace.Records(Records));
        var live = $"{pg.Schema}.docs_vectors";
        pg.WriteConfig(live, config => config["embedder"] = new JsonObject { ["type"] = "hashing", ["dimensions"] = 64, ["features"] = new JsonArray("words") });
        (await pg.RunAsync("run")).AssertExit(0);
        pg.Workspace.WriteConfig(config =>
        {
            config["source"] = new JsonObject { ["type"] = "postgres", ["connectionStringEnv"] = PgDocs.Variable, ["table"] = pg.Docs, ["id"] = "id", ["text"] = PgDocs.Template };
            config["target"] = new JsonObject { ["type"] = "postgres", ["table"] = live, ["vectorType"] = "real[]", ["cutover"] = "shadow" };
            config["embedder"] = new JsonObject { ["type"] = "hashing", ["dimensions"] = 96, ["features"] = new JsonArray("char3", "char4") };
        }, "new.json");
        (await pg.RunAsync("run", "new.json")).AssertExit(0);
        return pg;
    }

    private static string Qualified(PgDocs pg, string name) => name.Contains('.', StringComparison.Ordinal) ? name : $"{pg.Schema}.{name}";

    private static int[] Dims(Dictionary<long, (float[] Vector, string? Hash)> rows) => rows.Values.Select(static r => r.Vector.Length).Distinct().ToArray();

    private static void AssertSame(Dictionary<long, (float[] Vector, string? Hash)> expected, Dictionary<long, (float[] Vector, string? Hash)> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (id, row) in expected)
        {
            Assert.Equal(row.Vector, actual[id].Vector);
            Assert.Equal(row.Hash, actual[id].Hash);
        }
    }

    private static async Task<long> ColumnCountAsync(PgDocs pg, string column)
    {
        await using var connection = await pg.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = @s AND table_name = 'docs' AND column_name = @c", connection);
        command.Parameters.AddWithValue("s", pg.Schema);
        command.Parameters.AddWithValue("c", column);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<bool> TableExistsAsync(PgDocs pg, string table)
    {
        await using var connection = await pg.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass(@t) IS NOT NULL", connection);
        command.Parameters.AddWithValue("t", table);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
