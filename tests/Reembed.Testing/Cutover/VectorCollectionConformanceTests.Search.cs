using Reembed.Testing.Verification;
using Xunit;

namespace Reembed.Testing;

/// <summary>The store's own search, held to a brute force; a store without one says so.</summary>
public abstract partial class VectorCollectionConformanceTests
{
    private const int SearchRows = 60;

    [Fact]
    public async Task CanSearch_BeforeAndAfterReading_AsTheStoreDeclares()
    {
        await using var collection = await StoreAndOpenAsync([.. Enumerable.Range(0, 3).Select(i => Row(Key(i), i))]);

        Assert.Equal(SearchesByItself, collection.CanSearch);
        Assert.Equal(3, (await collection.ReadAsync().ToListAsync()).Count);
        Assert.Equal(SearchesByItself, collection.CanSearch);
    }

    [Fact]
    public async Task SearchAsync_RandomQueries_TheKNearestByCosineBestFirstOrNotSupported()
    {
        var (rows, stored) = RowsToSearch();
        await using var collection = await StoreAndOpenAsync(rows);
        var random = new Random(17);

        if (!SearchesByItself)
        {
            await Assert.ThrowsAsync<NotSupportedException>(async () => await collection.SearchAsync(RandomVector(random), 5));
            return;
        }

        // k of one, a few, every stored vector, and more than there are.
        foreach (var k in new[] { 1, 3, 10, stored.Count, stored.Count + 5 })
        {
            var query = RandomVector(random);
            var expected = NaiveSearch.Top(stored, query, k, exclude: null);

            var found = await collection.SearchAsync(query, k);

            Assert.Equal(expected.Select(n => n.Key), found.Select(n => n.Key));
            Assert.All(found.Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 1e-4));
            Assert.True(found.Zip(found.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score), "not best first");
        }
    }

    [Fact]
    public async Task SearchAsync_StoredVectorAsQuery_ItComesFirstWithScoreOneOrNotSupported()
    {
        var (rows, stored) = RowsToSearch();
        await using var collection = await StoreAndOpenAsync(rows);
        var target = stored[SearchRows / 3];

        if (!SearchesByItself)
        {
            await Assert.ThrowsAsync<NotSupportedException>(async () => await collection.SearchAsync(target.Vector, 1));
            return;
        }

        // Scaled: cosine ignores length.
        var found = await collection.SearchAsync(target.Vector.Select(v => v * 3).ToArray(), 4);

        Assert.Equal(4, found.Count);
        Assert.Equal(target.Key, found[0].Key);
        Assert.Equal(1, found[0].Score, 1e-5);
    }

    /// <summary>Random vectors under distinct keys (and, where the store holds them, rows without a vector), and what a search must see.</summary>
    private (List<CollectionRow> Rows, List<StoredVector> Stored) RowsToSearch()
    {
        var random = new Random(5);
        List<CollectionRow> rows = [.. Enumerable.Range(0, SearchRows).Select(i => new CollectionRow(Key(i), RandomVector(random), "h-" + Key(i)))];
        if (HoldsRowsWithoutVector)
        {
            rows.AddRange(Enumerable.Range(SearchRows, 4).Select(i => new CollectionRow(Key(i), null, "h-" + Key(i))));
        }

        return (rows, [.. rows.Where(r => r.Vector is not null).Select(r => new StoredVector(r.Key, r.Vector!, r.ContentHash, Space.Id))]);
    }
}
