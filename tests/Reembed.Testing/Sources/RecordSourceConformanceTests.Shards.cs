using Xunit;

namespace Reembed.Testing;

/// <summary>Shards that cover every record once, records composed from their fields, a stable order, the count.</summary>
public abstract partial class RecordSourceConformanceTests
{
    [Fact]
    public async Task GetShardsAsync_AwkwardRecords_EveryRecordExactlyOnceAcrossShards()
    {
        await using var source = await OpenOverAsync(AwkwardRows);

        var shards = await ReadShardsAsync(source);

        var records = shards.SelectMany(s => s.Records).ToList();
        Assert.Equal(KeysAndTexts(AwkwardRows), KeysAndTexts(records));
        Assert.All(records, r => Assert.Null(r.Failure));
        Assert.Equal(shards.Count, shards.Select(s => s.Shard.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(SplitsIntoShards, shards.Count > 1);
    }

    [Fact]
    public async Task ReadAsync_LongAndEmptyTexts_ComposedExactly()
    {
        await using var source = await OpenOverAsync(AwkwardRows);

        var records = (await ReadShardsAsync(source)).SelectMany(s => s.Records).ToDictionary(r => r.Key, StringComparer.Ordinal);

        Assert.Equal(LongText + " end", records["long"].Text);
        Assert.Equal("", records["empty"].Text);
        Assert.Equal("line one\nline two\r\n{not a field} }{ \t tab", records["breaks"].Text);
        Assert.Equal("e acute, precomposed", records["\u00e9"].Text);
        Assert.Equal("e acute, decomposed", records["e\u0301"].Text);
    }

    [Fact]
    public async Task ReadAsync_SameShardTwice_SameRecordsInSameOrderWithDistinctCursors()
    {
        await using var source = await OpenOverAsync(AwkwardRows);

        foreach (var shard in await source.GetShardsAsync())
        {
            var first = await ReadShardAsync(source, shard, null);
            var second = await ReadShardAsync(source, shard, null);

            Assert.Equal(first.Select(Seen), second.Select(Seen));
            Assert.Equal(first.Count, first.Select(r => r.Cursor).Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public async Task ReadAsync_SecondSourceOverSameStore_SameShardsReadInSameOrder()
    {
        var create = await CreateStoreAsync(AwkwardRows);
        await using var first = await OpenAsync(create);
        await using var second = await OpenAsync(create);

        var before = await ReadShardsAsync(first);

        // A resumed job reads its persisted shards with a new source: they must read as they did.
        foreach (var (shard, records) in before)
        {
            Assert.Equal(records.Select(Seen), (await ReadShardAsync(second, shard, null)).Select(Seen));
        }
    }

    [Fact]
    public async Task CountAsync_WhenKnown_EqualsTheRecordsRead()
    {
        await using var source = await OpenOverAsync(AwkwardRows);

        var count = await source.CountAsync();

        var read = (await ReadShardsAsync(source)).Sum(s => s.Records.Count);
        Assert.Equal(AwkwardRows.Count, read);
        Assert.True(count is null || count == read, $"CountAsync said {count}, {read} records were read");
    }

    [Fact]
    public async Task GetShardsAsync_EmptyStore_NoRecordsAndCountZeroWhenKnown()
    {
        await using var source = await OpenOverAsync([]);

        var shards = await ReadShardsAsync(source);

        Assert.Empty(shards.SelectMany(s => s.Records));
        Assert.True(await source.CountAsync() is null or 0);
        Assert.Empty(await ReadKeysAsync(source, ["doc-001", "absent"]));
    }

    [Fact]
    public async Task Description_OpenedSource_SaysWhatIsReadWithoutSecrets()
    {
        await using var source = await OpenOverAsync([.. AwkwardRows.Take(3)]);

        Assert.False(string.IsNullOrWhiteSpace(source.Description));
        Assert.All(Secrets, secret => Assert.DoesNotContain(secret, source.Description, StringComparison.Ordinal));
    }
}
