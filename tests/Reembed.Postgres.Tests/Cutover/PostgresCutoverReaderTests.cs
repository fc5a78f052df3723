using System.Globalization;
using Npgsql;
using Reembed.Testing;
using static Reembed.Postgres.Tests.CutoverTesting;

namespace Reembed.Postgres.Tests;

public sealed class PostgresCutoverReaderTests
{
    [Fact]
    public async Task SwapAndRollback_ManyCyclesUnderConcurrentReaders_EveryReadSeesOneWholeTable()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await WriteAsync(scratch, target.LiveName, SpaceA, 50);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 70, offset: 1000);
        var expected = new Dictionary<string, long> { [SpaceA.Id] = 50, [SpaceB.Id] = 70 };
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() => ReadLoopAsync(scratch, target.LiveName, stop.Token))).ToList();

        for (var cycle = 0; cycle < 25; cycle++)
        {
            await target.SwapAsync(SpaceB.Id, "job-" + cycle.ToString(CultureInfo.InvariantCulture));
            await target.RollbackAsync();
        }

        await stop.CancelAsync();
        var reads = (await Task.WhenAll(readers)).SelectMany(r => r).ToList();

        Assert.True(reads.Count > 50, $"only {reads.Count} reads ran alongside the swaps");
        Assert.All(reads, read => Assert.Equal((1L, expected[read.Space!]), (read.Spaces, read.Rows)));
        Assert.Contains(reads, r => r.Space == SpaceB.Id);
        Assert.Equal(SpaceA.Id, (await target.InspectAsync()).Live.SpaceId);
    }

    [Fact]
    public async Task SwapAsync_LongLiveName_ShortenedShadowsWrittenSwappedAndInspected()
    {
        await using var scratch = await PgScratch.CreateAsync();
        var live = "vectors_of_the_debian_package_descriptions_" + new string('x', 15);
        await using var target = Target(scratch, live);
        await WriteAsync(scratch, target.LiveName, SpaceA, 2);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 3);

        await target.SwapAsync(SpaceB.Id, "job-1");

        var state = await target.InspectAsync();
        Assert.Equal(new CutoverTable(target.LiveName, SpaceB.Id, 3), state.Live);
        Assert.Equal([new CutoverTable(target.ShadowName(SpaceA.Id), SpaceA.Id, 2)], state.Others);
        Assert.All(await TablesAsync(scratch), t => Assert.True(t.Length <= 63, t));
        Assert.Equal(3, (await TablesAsync(scratch)).Count);
    }

    [Fact]
    public async Task SwapAsync_UnqualifiedLiveName_NamesUnqualifiedInTheSearchPathSchema()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = new Cutover.PostgresCutover(Options(scratch, "vecs"), new ManualTimeProvider());
        await WriteAsync(scratch, "vecs", SpaceA, 2);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 3);

        var step = await target.SwapAsync(SpaceB.Id, "job-1");

        Assert.Equal("vecs__reembed_" + SpaceB.Id, step.Promoted);
        Assert.Equal("vecs__reembed_" + SpaceA.Id, step.Demoted);
        Assert.Equal(["reembed_cutover", "vecs", "vecs__reembed_" + SpaceA.Id], await TablesAsync(scratch));
        Assert.Equal(step, (await target.InspectAsync()).LastStep);
    }

    [Fact]
    public async Task OpenCollectionAsync_DemotedAndMissing_ReadsItsVectorsOrNull()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await WriteAsync(scratch, target.LiveName, SpaceA, 4);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 3);
        await target.SwapAsync(SpaceB.Id, "job-1");

        await using var demoted = await target.OpenCollectionAsync(target.ShadowName(SpaceA.Id));
        var missing = await target.OpenCollectionAsync(target.ShadowName(SpaceC.Id));

        Assert.Null(missing);
        Assert.NotNull(demoted);
        Assert.Equal(target.ShadowName(SpaceA.Id), demoted.Name);
        var vectors = await demoted.ReadAsync().ToListAsync();
        Assert.Equal(4, vectors.Count);
        Assert.All(vectors, v => Assert.Equal(SpaceA.Id, v.SpaceId));
    }

    private static async Task<List<(long Spaces, long Rows, string? Space)>> ReadLoopAsync(PgScratch scratch, string live, CancellationToken stop)
    {
        var reads = new List<(long, long, string?)>();
        await using var connection = new NpgsqlConnection(scratch.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        while (!stop.IsCancellationRequested)
        {
            await using var command = new NpgsqlCommand($"SELECT count(DISTINCT space), count(*), min(space) FROM {live}", connection);
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
            await reader.ReadAsync(CancellationToken.None);
            reads.Add((reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return reads;
    }
}
