using System.Globalization;
using Npgsql;
using Reembed.Testing;
using static Reembed.Postgres.Tests.ColumnCutoverTesting;

namespace Reembed.Postgres.Tests;

public sealed class PostgresColumnCutoverReaderTests
{
    private const int Rows = 30;
    private const float OffsetB = 1000;

    [Fact]
    public async Task SwapAndRollback_TwentyCyclesUnderConcurrentReaders_EveryReadSeesOneSpaceWithItsHashes()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await CreateDocsAsync(scratch, Rows);
        await WriteAsync(scratch, target.LiveName, SpaceA, Rows);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, Rows, offset: OffsetB);
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() => ReadLoopAsync(scratch, stop.Token))).ToList();

        for (var cycle = 0; cycle < 20; cycle++)
        {
            await target.SwapAsync(SpaceB.Id, "job-" + cycle.ToString(CultureInfo.InvariantCulture));
            await target.RollbackAsync();
        }

        await stop.CancelAsync();
        var reads = (await Task.WhenAll(readers)).SelectMany(r => r).ToList();

        Assert.True(reads.Count > 40, $"only {reads.Count} reads ran alongside the swaps");
        Assert.All(reads, space => Assert.True(space == SpaceA.Id || space == SpaceB.Id, space));
        Assert.Contains(SpaceB.Id, reads);
        Assert.Equal(SpaceA.Id, (await target.InspectAsync()).Live.SpaceId);
    }

    [Fact]
    public async Task SwapAsync_LongVectorColumn_ShadowAndHashNamesFitAndSwap()
    {
        await using var scratch = await PgScratch.CreateAsync();
        // 58 bytes: the longest the in-place sink takes, leaving room for "_hash".
        var column = "embedding_of_the_debian_package_descriptions_" + new string('x', 13);
        await using var target = new Cutover.PostgresColumnCutover(Options(scratch, column), new ManualTimeProvider());
        await CreateDocsAsync(scratch, 2);
        await WriteAsync(scratch, column, SpaceA, 2);
        await WriteAsync(scratch, target.ShadowName(SpaceB.Id), SpaceB, 2);

        await target.SwapAsync(SpaceB.Id, "job-1");

        Assert.True(target.ShadowName(SpaceB.Id).Length <= 58, target.ShadowName(SpaceB.Id));
        Assert.NotEqual(target.ShadowName(SpaceA.Id), target.ShadowName(SpaceB.Id));
        var state = await target.InspectAsync();
        Assert.Equal(new CutoverTable(column, SpaceB.Id, 2), state.Live);
        Assert.Equal([new CutoverTable(target.ShadowName(SpaceA.Id), SpaceA.Id, 2)], state.Others);
        Assert.Equal(6, (await ColumnsAsync(scratch)).Count);
        Assert.Contains(target.ShadowName(SpaceA.Id) + "_hash", await ColumnsAsync(scratch));
    }

    [Fact]
    public async Task OpenCollectionAsync_DemotedAndMissing_ReadsItsVectorsOrNull()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await using var target = Target(scratch);
        await CreateDocsAsync(scratch, 5);
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
        Assert.All(vectors, v => Assert.Equal((SpaceA.Id, SpaceA.Id + ":" + v.Key), (v.SpaceId, v.ContentHash)));
    }

    /// <summary>Each read's one space, after checking that every row's vector and hash belong to it.</summary>
    private static async Task<List<string>> ReadLoopAsync(PgScratch scratch, CancellationToken stop)
    {
        var reads = new List<string>();
        await using var connection = new NpgsqlConnection(scratch.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        while (!stop.IsCancellationRequested)
        {
            await using var command = new NpgsqlCommand($"SELECT id, embedding, embedding_hash FROM {scratch.Qualify("docs")}", connection);
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
            var spaces = new HashSet<string>(StringComparer.Ordinal);
            var rows = 0;
            while (await reader.ReadAsync(CancellationToken.None))
            {
                var id = reader.GetString(0);
                var space = reader.GetString(2).Split(':')[0];
                var offset = space == SpaceB.Id ? OffsetB : 0;
                Assert.Equal(space + ":" + id, reader.GetString(2));
                Assert.Equal(int.Parse(id, CultureInfo.InvariantCulture) + offset, reader.GetFieldValue<float[]>(1)[0]);
                spaces.Add(space);
                rows++;
            }

            Assert.Equal(Rows, rows);
            reads.Add(Assert.Single(spaces));
        }

        return reads;
    }
}
