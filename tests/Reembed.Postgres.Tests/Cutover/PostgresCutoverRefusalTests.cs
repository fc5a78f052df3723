using Npgsql;
using static Reembed.Postgres.Tests.CutoverTesting;

namespace Reembed.Postgres.Tests;

/// <summary>Every refusal is an error naming the problem and leaves the tables and the journal as they were.</summary>
public sealed class PostgresCutoverRefusalTests
{
    [Fact]
    public async Task SwapAsync_NoShadowOfThatSpace_ConfigErrorNothingChanged()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await WriteAsync(scratch, target.LiveName, SpaceA, 2);
        var before = await SnapshotAsync(scratch, target);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.SwapAsync(SpaceB.Id, "job-1"));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains(target.ShadowName(SpaceB.Id), error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(scratch, target));
    }

    [Fact]
    public async Task SwapAsync_LiveAlreadyHoldsTheSpace_ConfigErrorNothingChanged()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await WriteAsync(scratch, target.LiveName, SpaceA, 2);

        // A shadow tagged A beside a live of A: made by hand, as no job would.
        await scratch.ExecuteAsync($"CREATE TABLE {target.ShadowName(SpaceA.Id)} AS TABLE {target.LiveName}");
        var before = await SnapshotAsync(scratch, target);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.SwapAsync(SpaceA.Id, "job-1"));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains("already holds", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(scratch, target));
    }

    [Fact]
    public async Task SwapAsync_DemotedNameTaken_ConfigErrorNothingChanged()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await WriteAsync(scratch, target.LiveName, SpaceA, 2);
        await WriteAsync(scratch, target.ShadowName(SpaceA.Id) , SpaceA, 1);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 3);
        var before = await SnapshotAsync(scratch, target);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.SwapAsync(SpaceB.Id, "job-1"));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(scratch, target));
    }

    [Fact]
    public async Task RollbackAsync_NeverSwapped_ConfigErrorNothingChanged()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await WriteAsync(scratch, target.LiveName, SpaceA, 2);
        var before = await SnapshotAsync(scratch, target);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.RollbackAsync());

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains("never swapped", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(scratch, target));
    }

    [Fact]
    public async Task RollbackAsync_LatestStepIsARollback_ConfigErrorNothingChanged()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await WriteAsync(scratch, target.LiveName, SpaceA, 2);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 3);
        await target.SwapAsync(SpaceB.Id, "job-1");
        await target.RollbackAsync();
        var before = await SnapshotAsync(scratch, target);

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.RollbackAsync());

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains("rollback, not a swap", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(scratch, target));
    }

    [Fact]
    public async Task SwapAsync_ReaderHoldsTheLiveTable_TransientLockErrorNothingChanged()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = new Cutover.PostgresCutover(Options(scratch, scratch.Qualify("vecs")), TimeProvider.System) { LockTimeout = TimeSpan.FromMilliseconds(200) };
        await WriteAsync(scratch, target.LiveName, SpaceA, 2);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 3);
        var before = await SnapshotAsync(scratch, target);
        await using var reader = new NpgsqlConnection(scratch.ConnectionString);
        await reader.OpenAsync();
        await using var open = await reader.BeginTransactionAsync();
        await using (var select = new NpgsqlCommand($"SELECT count(*) FROM {target.LiveName}", reader))
        {
            await select.ExecuteScalarAsync();
        }

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.SwapAsync(SpaceB.Id, "job-1"));
        await open.RollbackAsync();

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Contains("held a lock", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(scratch, target));
    }

    [Fact]
    public void CreateCutover_InPlaceTarget_ColumnCutover()
    {
        var options = new PostgresSinkOptions { ConnectionString = "Host=localhost", Table = "docs", Shape = PostgresTargetShape.InPlace };

        var target = PostgresStores.CreateCutover(options, TimeProvider.System);

        Assert.IsType<Cutover.PostgresColumnCutover>(target);
        Assert.Equal("embedding", target.LiveName);
    }

    [Fact]
    public void CreateCutover_TableNotAnIdentifier_ConfigError()
    {
        var options = new PostgresSinkOptions { ConnectionString = "Host=localhost", Table = "docs; DROP TABLE x" };

        var error = Assert.Throws<ReembedException>(() => PostgresStores.CreateCutover(options, TimeProvider.System));

        Assert.Equal("target.table", error.Subject);
    }

    /// <summary>Each table of the schema with its row count, and the journal's rows.</summary>
    private static async Task<List<string>> SnapshotAsync(PgScratch scratch, Cutover.PostgresCutover target)
    {
        var snapshot = new List<string>();
        foreach (var table in await TablesAsync(scratch))
        {
            var count = await scratch.ScalarAsync<long>($"SELECT count(*) FROM {scratch.Qualify(table)}");
            snapshot.Add(FormattableString.Invariant($"{table}:{count}"));
        }

        var state = await target.InspectAsync();
        snapshot.Add($"live:{state.Live} step:{state.LastStep}");
        return snapshot;
    }
}
