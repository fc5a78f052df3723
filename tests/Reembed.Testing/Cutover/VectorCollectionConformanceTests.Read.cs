using Xunit;

namespace Reembed.Testing;

/// <summary>Streaming every stored vector once: exact values, rewrites as stored, rows without a vector left out.</summary>
public abstract partial class VectorCollectionConformanceTests
{
    [Fact]
    public async Task ReadAsync_AwkwardKeysAndFloats_EveryVectorOnceBitForBitWithHashAndSpace()
    {
        float[][] awkward =
        [
            [-0.0f, float.Epsilon, 1.17549421e-38f, -float.Epsilon, 1, 2, 3, 4],
            [float.MaxValue, float.MinValue, 0.1f, 1f / 3, -5, 6, -7, 8],
            [3.4028233e38f, -1.5e-40f, 16777217f, 0.3f, 1e-7f, -1e7f, 0.5f, -0.25f],
        ];
        List<CollectionRow> rows =
        [
            .. awkward.Select((v, i) => new CollectionRow(Key(i), v, "h-" + Key(i))),
            .. AwkwardKeys.Select((key, i) => Row(key, i * 1.5f)),
            new CollectionRow("hash-ü", Vector(7), "hash-ünï \"q\""),
        ];

        await using var collection = await StoreAndOpenAsync(rows);

        Assert.Equal(Expected(rows), await ReadDescribedAsync(collection));
    }

    [Fact]
    public async Task ReadAsync_KeyWrittenAgain_ReturnedAsStored()
    {
        List<CollectionRow> rows = [Row("a", 1), Row("b", 2), Row("a", 3) with { ContentHash = "h-a-2" }, Row("c", 4), Row("a", 5) with { ContentHash = "h-a-3" }];

        await using var collection = await StoreAndOpenAsync(rows);

        var read = await ReadDescribedAsync(collection);
        Assert.Equal(Expected(rows), read);
        Assert.Equal(KeepsEveryWriteOfAKey ? 5 : 3, read.Count);
    }

    [Fact]
    public async Task ReadAsync_RowsWithoutVector_LeftOut()
    {
        List<CollectionRow> rows = [.. Enumerable.Range(0, 12).Select(i => Row(Key(i), i))];
        if (HoldsRowsWithoutVector)
        {
            rows.AddRange(Enumerable.Range(12, 5).Select(i => new CollectionRow(Key(i), null, "h-" + Key(i))));
        }

        await using var collection = await StoreAndOpenAsync(rows);

        var read = await collection.ReadAsync().ToListAsync();
        Assert.Equal(Enumerable.Range(0, 12).Select(Key), read.Select(v => v.Key).Order(StringComparer.Ordinal));
        Assert.All(read, v => Assert.Equal(Dimensions, v.Vector.Length));
    }

    [Fact]
    public async Task ReadAsync_NothingStored_Nothing()
    {
        List<CollectionRow> rows = HoldsRowsWithoutVector ? [new CollectionRow(Key(0), null, "h")] : [];

        await using var collection = await StoreAndOpenAsync(rows);

        Assert.Empty(await collection.ReadAsync().ToListAsync());
    }

    [Fact]
    public async Task ReadAsync_Twice_SameVectors()
    {
        List<CollectionRow> rows = [.. Enumerable.Range(0, 30).Select(i => Row(Key(i), i / 7f))];
        await using var collection = await StoreAndOpenAsync(rows);

        var first = await ReadDescribedAsync(collection);
        var second = await ReadDescribedAsync(collection);

        Assert.Equal(Expected(rows), first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task ReadAsync_ThousandsOfVectors_EachOnce()
    {
        List<CollectionRow> rows = [.. Enumerable.Range(0, 2500).Select(i => Row(Key(i), i / 100f))];

        await using var collection = await StoreAndOpenAsync(rows);

        Assert.Equal(Expected(rows), await ReadDescribedAsync(collection));
    }
}
