using Xunit;

namespace Reembed.Testing;

/// <summary>Resuming a shard after a record's cursor, anywhere in it and at its ends, from the same source or a new one.</summary>
public abstract partial class RecordSourceConformanceTests
{
    [Fact]
    public async Task ReadAsync_AfterEachRecordsCursor_ExactlyTheRecordsAfterIt()
    {
        await using var source = await OpenOverAsync(AwkwardRows);

        foreach (var (shard, records) in await ReadShardsAsync(source))
        {
            for (var k = 0; k < records.Count; k++)
            {
                var resumed = await ReadShardAsync(source, shard, records[k].Cursor);

                Assert.Equal(records.Skip(k + 1).Select(Seen), resumed.Select(Seen));
            }
        }
    }

    [Fact]
    public async Task ReadAsync_NewSourceAtShardBoundaries_ResumesWithinTheShardOnly()
    {
        var create = await CreateStoreAsync(AwkwardRows);
        List<(ShardInfo Shard, List<SourceRecord> Records)> shards;
        await using (var first = await OpenAsync(create))
        {
            shards = await ReadShardsAsync(first);
        }

        // After a restart the job holds only the shard descriptors and a cursor; a new source reads on from there.
        await using var second = await OpenAsync(create);
        foreach (var (shard, records) in shards.Where(s => s.Records.Count > 0))
        {
            // The first record, the last but one and the last: the rest of this shard follows, nothing of the next one.
            foreach (var k in new[] { 0, records.Count - 2, records.Count - 1 }.Where(k => k >= 0).Distinct())
            {
                Assert.Equal(records.Skip(k + 1).Select(Seen), (await ReadShardAsync(second, shard, records[k].Cursor)).Select(Seen));
            }
        }
    }
}
