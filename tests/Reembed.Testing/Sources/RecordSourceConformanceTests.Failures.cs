using Xunit;

namespace Reembed.Testing;

/// <summary>Records the store holds but cannot read: yielded with a failure in their place, never thrown.</summary>
public abstract partial class RecordSourceConformanceTests
{
    private static readonly SourceRow[] RowsAroundUnreadable =
    [
        new("first", "the first", ""),
        new("broken", "never read", "") { Unreadable = true },
        new("second", "the second", ""),
        new("broken-too", "never read either", "") { Unreadable = true },
        new("third", "the third", ""),
    ];

    [Fact]
    public async Task ReadAsync_UnreadableRecords_YieldedWithFailureAndTheOthersRead()
    {
        var rows = CanStoreUnreadable ? RowsAroundUnreadable : [.. RowsAroundUnreadable.Where(r => !r.Unreadable)];
        await using var source = await OpenOverAsync(rows);

        var shards = await ReadShardsAsync(source);

        var records = shards.SelectMany(s => s.Records).ToList();
        Assert.Equal(KeysAndTexts(rows.Where(r => !r.Unreadable)), KeysAndTexts(records.Where(r => r.Failure is null)));
        var failed = records.Where(r => r.Failure is not null).ToList();
        Assert.Equal(!CanStoreUnreadable ? 0 : ReportsUnreadableTogether ? 1 : 2, failed.Count);
        Assert.All(failed, r =>
        {
            Assert.Null(r.Text);
            Assert.False(string.IsNullOrEmpty(r.Key));
            Assert.Contains(r.Failure!.Stage, new[] { ItemFailure.Stages.Read, ItemFailure.Stages.Compose });
            Assert.False(string.IsNullOrWhiteSpace(r.Failure.ErrorClass));
            Assert.False(string.IsNullOrWhiteSpace(r.Failure.Message));
        });
        var count = await source.CountAsync();
        Assert.True(count is null || count == records.Count, $"CountAsync said {count}, {records.Count} records were read");

        // Asked for by key, the readable records come back; an unreadable one at most as a failure under its own id.
        var found = await ReadKeysAsync(source, ["first", "second", "third", "broken"]);
        Assert.Equal(KeysAndTexts(rows.Where(r => !r.Unreadable)), KeysAndTexts(found.Where(r => r.Failure is null)));
        Assert.All(found.Where(r => r.Failure is not null), r => Assert.Equal("broken", r.Key));
    }

    [Fact]
    public async Task ReadAsync_AfterTheCursorOfEachRecordReadableOrNot_ExactlyTheRecordsAfterIt()
    {
        var rows = CanStoreUnreadable ? RowsAroundUnreadable : [.. RowsAroundUnreadable.Where(r => !r.Unreadable)];
        await using var source = await OpenOverAsync(rows);

        foreach (var (shard, records) in await ReadShardsAsync(source))
        {
            for (var k = 0; k < records.Count; k++)
            {
                Assert.Equal(records.Skip(k + 1).Select(Seen), (await ReadShardAsync(source, shard, records[k].Cursor)).Select(Seen));
            }
        }
    }
}
