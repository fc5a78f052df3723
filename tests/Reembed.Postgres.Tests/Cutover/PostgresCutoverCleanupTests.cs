using static Reembed.Postgres.Tests.CutoverTesting;

namespace Reembed.Postgres.Tests;

public sealed class PostgresCutoverCleanupTests
{
    [Fact]
    public async Task CleanupAsync_AfterRollback_DropsTheRolledBackShadow()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await WriteAsync(scratch, target.LiveName, SpaceA, 5);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 7);
        var liveRows = await RowsAsync(scratch, target.LiveName);
        await target.SwapAsync(SpaceB.Id, "job-1");
        await target.RollbackAsync();

        var dropped = await target.CleanupAsync();

        Assert.Equal(target.ShadowName(SpaceB.Id), dropped);
        Assert.Equal(["reembed_cutover", "vecs"], await TablesAsync(scratch));
        Assert.Equal(liveRows, await RowsAsync(scratch, target.LiveName));
    }

    [Fact]
    public async Task CleanupAsync_NeverSwapped_NothingDroppedAndNoJournalCreated()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await WriteAsync(scratch, target.LiveName, SpaceA, 2);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 3);

        var dropped = await target.CleanupAsync();

        Assert.Null(dropped);
        Assert.Equal(["vecs", "vecs__reembed_" + SpaceB.Id], await TablesAsync(scratch));
    }
}
