using System.Diagnostics;
using Reembed.Sqlite;
using Xunit.Abstractions;

namespace Reembed.Tests;

public sealed class SqliteSinkLoadTests(ITestOutputHelper output) : IDisposable
{
    private static readonly EmbeddingSpace Space = new("test", "model", 384, normalized: true);

    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task WriteAsync_64kRowsOf384Dims_UpsertsAndLooksUpInSeconds()
    {
        var records = MakeRecords(65_536, seed: 1);
        await using var sink = SqliteStores.CreateSink(new SqliteSinkOptions { Path = _db.Path });
        await sink.OpenAsync(Space, null);

        var write = Stopwatch.StartNew();
        foreach (var batch in records.Chunk(1024))
        {
            await sink.WriteAsync(batch);
        }

        write.Stop();
        var lookup = Stopwatch.StartNew();
        var found = new Dictionary<string, string>();
        await sink.LookupAsync(records.Select(r => r.Key).ToList(), found);
        lookup.Stop();
        output.WriteLine($"write {write.ElapsedMilliseconds} ms, lookup {lookup.ElapsedMilliseconds} ms");

        Assert.Equal(records.Length, found.Count);
        Assert.Equal(records[^1].ContentHash, found[records[^1].Key]);
        Assert.InRange(write.Elapsed.TotalSeconds, 0, 30);
        Assert.InRange(lookup.Elapsed.TotalSeconds, 0, 30);
    }

    [Fact]
    public async Task WriteAsync_WhileAnotherConnectionReadsTheTarget_BothProceed()
    {
        await using var sink = SqliteStores.CreateSink(new SqliteSinkOptions { Path = _db.Path });
        await sink.OpenAsync(Space, null);
        await sink.WriteAsync(MakeRecords(100, seed: 2));

        var writing = Task.Run(async () =>
        {
            foreach (var batch in MakeRecords(20_000, seed: 3).Chunk(500))
            {
                await sink.WriteAsync(batch);
            }
        });
        var readsDuringWrite = 0;
        long lastCount = 0;
        await using (var reader = await SqliteSetup.OpenAsync(_db.Path, readOnly: true, CancellationToken.None))
        {
            await using var count = reader.CreateCommand();
            count.CommandText = "SELECT count(*) FROM vectors";
            while (!writing.IsCompleted)
            {
                lastCount = (long)(await count.ExecuteScalarAsync())!;
                readsDuringWrite++;
                var found = new Dictionary<string, string>();
                await sink.LookupAsync(["k0"], found);
                Assert.True(found.ContainsKey("k0"));
            }
        }

        await writing;
        output.WriteLine($"{readsDuringWrite} reads during the write, last count {lastCount}");
        Assert.True(readsDuringWrite > 0);
        Assert.InRange(lastCount, 100, 20_000);
    }

    private static VectorRecord[] MakeRecords(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var vector = new float[Space.Dimensions];
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] = (float)(random.NextDouble() - 0.5);
            }

            return new VectorRecord("k" + i, vector, "hash" + i + "-" + seed);
        }).ToArray();
    }
}
