using Xunit;

namespace Reembed.Testing;

/// <summary>Upserts by id, exact vectors, and lookups of many keys.</summary>
public abstract partial class VectorSinkConformanceTests
{
    [Fact]
    public async Task WriteAsync_ThenLookup_HashesOfWrittenKeysOnly()
    {
        await using var sink = await OpenAsync();
        await sink.WriteAsync([Record(1), Record(AwkwardKeys[0], 2, "hash-ü"), Record(AwkwardKeys[1], 3, "hash-q")]);

        var found = await LookupAsync(sink, [Key(1), Key(2), AwkwardKeys[0], AwkwardKeys[1], "absent"]);

        Assert.Equal(
            new Dictionary<string, string> { [Key(1)] = "h-" + Key(1), [AwkwardKeys[0]] = "hash-ü", [AwkwardKeys[1]] = "hash-q" },
            found);
    }

    [Fact]
    public async Task WriteAsync_SameKeyAgain_LastWriteWins()
    {
        await using var sink = await OpenAsync();
        await sink.WriteAsync(Batch(0, 4));

        // A later batch and a repeat within one batch: the last of each key wins.
        await sink.WriteAsync([Record(Key(1), 20, "new"), Record(5), Record(Key(1), 30, "newer")]);

        var expected = Batch(0, 4).Append(Record(Key(1), 30, "newer")).Append(Record(5));
        await AssertHoldsAsync(expected);
        Assert.Equal("newer", (await LookupAsync(sink, [Key(1)]))[Key(1)]);
    }

    [Fact]
    public async Task WriteAsync_SameBatchRedone_TargetAsIfWrittenOnce()
    {
        await using var sink = await OpenAsync();
        var first = Batch(0, 50);
        var second = Batch(50, 50, 0.25f);
        await sink.WriteAsync(first);
        await sink.WriteAsync(second);

        await sink.WriteAsync(second);
        await sink.WriteAsync(first);

        await AssertHoldsAsync(first.Concat(second));
        Assert.Equal(100, (await LookupAsync(sink, Enumerable.Range(0, 100).Select(Key))).Count);
    }

    [Fact]
    public async Task WriteAsync_AwkwardFloats_StoredBitForBit()
    {
        float[][] vectors =
        [
            [-0.0f, float.Epsilon, 1.17549421e-38f, -float.Epsilon],
            [float.MaxValue, float.MinValue, 0.1f, 1f / 3],
            [3.4028233e38f, -1.5e-40f, 16777217f, 0.3f],
        ];
        var records = vectors.Select((v, i) => new VectorRecord(Key(i), v, "h" + i)).ToList();
        await using (var sink = await OpenAsync())
        {
            await sink.WriteAsync(records);
        }

        await AssertHoldsAsync(records);
    }

    [Fact]
    public async Task LookupAsync_ThousandsOfKeys_FindsExactlyTheWrittenOnes()
    {
        await using var sink = await OpenAsync();
        for (var start = 0; start < 1500; start += 500)
        {
            await sink.WriteAsync(Batch(start, 500));
        }

        var thousand = await LookupAsync(sink, Enumerable.Range(1000, 1000).Select(Key));
        var all = await LookupAsync(sink, Enumerable.Range(0, KeyCount).Select(Key).Reverse());

        Assert.Equal(Enumerable.Range(1000, 500).Select(Key), thousand.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1500, all.Count);
        Assert.All(all, pair => Assert.Equal("h-" + pair.Key, pair.Value));
    }
}
