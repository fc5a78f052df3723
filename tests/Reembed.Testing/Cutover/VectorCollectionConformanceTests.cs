using System.Globalization;
using Xunit;

namespace Reembed.Testing;

/// <summary>
/// What every <see cref="VectorCollection"/> must do. A target kind derives from this: <see cref="StoreAsync"/>
/// puts rows into this test's table/file by the store's own means (its sink, plain SQL), all of
/// <see cref="Space"/>, and <see cref="OpenCollectionAsync"/> opens that table/file the way production does
/// (<see cref="CutoverTarget.OpenCollectionAsync"/>, a store's factory). Where a kind legitimately differs, it
/// says so through a capability property, never by skipping a test.
/// </summary>
public abstract partial class VectorCollectionConformanceTests : IAsyncLifetime
{
    protected const int Dimensions = 8;

    protected static readonly EmbeddingSpace Space = new("conformance", "collection", Dimensions, normalized: false);

    /// <summary>Keys that are not plain ASCII words.</summary>
    protected static readonly string[] AwkwardKeys = ["ünï-ключ-键", "o'brien \"q\" \\ ;--", "😀", "a ", "A", "10", "9", " lead"];

    /// <summary>
    /// True when a key written again is held twice (an append-only file before compaction, a list); false when the
    /// later write replaces the earlier one, so that the key is held once.
    /// </summary>
    protected virtual bool KeepsEveryWriteOfAKey => false;

    /// <summary>True when the store can hold a row without a vector (an in-place column not yet filled); then <see cref="StoreAsync"/> gets some.</summary>
    protected virtual bool HoldsRowsWithoutVector => false;

    /// <summary>True when the store searches by itself (pgvector); then <see cref="VectorCollection.CanSearch"/> must say so.</summary>
    protected virtual bool SearchesByItself => false;

    /// <summary>Strings that must never appear in a description, e.g. a connection string.</summary>
    protected virtual IEnumerable<string> Secrets => [];

    /// <summary>The name the collection is opened by and must report as <see cref="VectorCollection.Name"/>.</summary>
    protected abstract string ExpectedName { get; }

    /// <summary>
    /// Writes <paramref name="rows"/> into this test's table/file, in order, a later row of a key as a rewrite of it
    /// (see <see cref="Batches"/>); called at most once per test, and also with no rows, to make the table/file exist empty.
    /// </summary>
    protected abstract Task StoreAsync(IReadOnlyList<CollectionRow> rows);

    /// <summary>This test's table/file opened as production opens it for verification.</summary>
    protected abstract Task<VectorCollection> OpenCollectionAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static string Key(int i) => "k" + i.ToString("D5", CultureInfo.InvariantCulture);

    protected static float[] Vector(float seed) =>
        [.. Enumerable.Range(0, Dimensions).Select(d => seed + d - (Dimensions / 2f) + (d % 3 == 0 ? 0.25f : -0.5f))];

    protected static CollectionRow Row(string key, float seed) => new(key, Vector(seed), "h-" + key);

    protected static float[] RandomVector(Random random) =>
        [.. Enumerable.Range(0, Dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1))];

    /// <summary>
    /// The rows with a vector as sink batches, in order: a new batch starts where a key repeats, so that every write of
    /// a key is its own upsert (and an append-only file holds each).
    /// </summary>
    protected static List<List<VectorRecord>> Batches(IEnumerable<CollectionRow> rows)
    {
        var batches = new List<List<VectorRecord>> { new() };
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.Vector is not null))
        {
            if (!keys.Add(row.Key))
            {
                batches.Add([]);
                keys.Clear();
                keys.Add(row.Key);
            }

            batches[^1].Add(new VectorRecord(row.Key, row.Vector!, row.ContentHash));
        }

        return [.. batches.Where(b => b.Count > 0)];
    }

    /// <summary>What the collection must read back after <paramref name="rows"/> were stored, as comparable strings.</summary>
    protected List<string> Expected(IReadOnlyList<CollectionRow> rows)
    {
        var withVector = rows.Where(r => r.Vector is not null).ToList();
        var held = KeepsEveryWriteOfAKey
            ? withVector
            : [.. withVector.GroupBy(r => r.Key, StringComparer.Ordinal).Select(g => g.Last())];
        return [.. held.Select(r => Describe(new StoredVector(r.Key, r.Vector!, r.ContentHash, Space.Id))).Order(StringComparer.Ordinal)];
    }

    protected static async Task<List<string>> ReadDescribedAsync(VectorCollection collection) =>
        [.. (await collection.ReadAsync().ToListAsync()).Select(Describe).Order(StringComparer.Ordinal)];

    /// <summary>A stored vector as one string: key, hash, space and the bits of every component.</summary>
    protected static string Describe(StoredVector vector) =>
        $"{vector.Key} | {vector.ContentHash} | {vector.SpaceId} | " +
        string.Join(',', vector.Vector.Select(v => BitConverter.SingleToInt32Bits(v).ToString("x8", CultureInfo.InvariantCulture)));

    protected async Task<VectorCollection> StoreAndOpenAsync(IReadOnlyList<CollectionRow> rows)
    {
        await StoreAsync(rows);
        return await OpenCollectionAsync();
    }
}
