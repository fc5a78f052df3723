namespace Reembed.Tests.Cutover;

/// <summary>
/// A swap or rollback killed (SIGKILL) between its two renames leaves exactly one consistent live table/file,
/// and the next swap or rollback completes.
/// </summary>
public sealed class CutoverKillTests
{
    private const int SigKill = 9;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("jsonl")]
    public async Task Swap_KilledBetweenRenames_OldStaysLiveAndSwapCompletesAfter(string targetType)
    {
        using var migration = new Migration(200, targetType);
        await migration.EmbedBothAsync();
        (await migration.RunAsync("verify", Migration.NewConfig)).AssertExit(0);
        var old = migration.ReadLive();

        await KillAtAsync(migration, "swap.renamed", "swap");

        Assert.Equal(old, migration.ReadLive());
        (await migration.RunAsync("swap", Migration.NewConfig)).AssertExit(0);
        var live = migration.ReadLive();
        Assert.Equal(old.Keys.Order(), live.Keys.Order());
        Assert.NotEqual(old.Values.First().Space, live.Values.First().Space);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("jsonl")]
    public async Task Rollback_KilledBetweenRenames_NewStaysLiveAndRollbackCompletesAfter(string targetType)
    {
        using var migration = new Migration(200, targetType);
        await migration.EmbedBothAsync();
        var old = migration.ReadLive();
        (await migration.RunAsync("swap", Migration.NewConfig, "--force")).AssertExit(0);
        var swapped = migration.ReadLive();

        await KillAtAsync(migration, "rollback.renamed", "rollback");

        var live = migration.ReadLive();
        Assert.True(live.SequenceEqual(swapped) || live.SequenceEqual(old), "the live vectors are neither the old nor the new ones, whole");
        (await migration.RunAsync("rollback", Migration.NewConfig)).AssertExit(0);
        Assert.Equal(old, migration.ReadLive());
    }

    private static async Task KillAtAsync(Migration migration, string point, string verb)
    {
        string[] args = verb == "swap" ? [verb, Migration.NewConfig, "--force"] : [verb, Migration.NewConfig];
        using var process = CliProcess.Start(migration.Workspace.Dir, new Dictionary<string, string> { [FaultHook.Variable] = point }, args);
        var (_, stderr) = CliProcess.Capture(process);
        await CliProcess.WaitForOutputAsync(process, stderr, $"paused at {point}");
        Assert.True(CliProcess.Contains(stderr, $"paused at {point}"), $"{verb} never reached {point}: {stderr}");
        CliProcess.Signal(process, SigKill);
        await process.WaitForExitAsync();
    }
}
