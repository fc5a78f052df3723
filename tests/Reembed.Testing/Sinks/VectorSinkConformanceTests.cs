using System.Globalization;
using Xunit;

namespace Reembed.Testing;

/// <summary>
/// What every <see cref="VectorSink"/> must do. A target kind derives from this: <see cref="CreateSink"/>
/// returns a new, unopened sink over this test's target (every call within one test reaches the same
/// target, so a second sink shows what survived the first), and <see cref="ReadBackAsync"/> reads what
/// the target holds straight from the store. Where a kind legitimately differs, it says so through a
/// capability property, never by skipping a test.
/// </summary>
public abstract partial class VectorSinkConformanceTests : IAsyncLifetime
{
    protected static readonly EmbeddingSpace Space = new("conformance", "model-a", 4, normalized: false);
    protected static readonly EmbeddingSpace OtherSpace = new("conformance", "model-b", 4, normalized: false);
    protected static readonly EmbeddingSpace OtherDimensions = new("conformance", "model-a", 6, normalized: false);

    /// <summary>Keys that are not plain ASCII words: every test may write them.</summary>
    protected static readonly string[] AwkwardKeys = ["ünï-ключ-键", "o'brien \"q\" \\ ;--"];

    /// <summary>How many numbered keys (<see cref="Key"/>) a test may write; a target that needs its rows to exist holds these.</summary>
    protected const int KeyCount = 3000;

    /// <summary>
    /// Every key a test may write. A target that only updates existing rows (in place) must hold a row
    /// for each of these before the test starts.
    /// </summary>
    protected static IEnumerable<string> AllKeys => Enumerable.Range(0, KeyCount).Select(Key).Concat(AwkwardKeys);

    /// <summary>True when <see cref="VectorSink.WriteAsync"/> returns a resume token; false when it returns null because it needs none.</summary>
    protected virtual bool ReturnsResumeTokens => false;

    /// <summary>
    /// True when reopening with an earlier resume token drops what was written after it (an append-only
    /// file); false when those writes stay, which the redo of the same batches overwrites harmlessly.
    /// </summary>
    protected virtual bool RollsBackToResumeToken => false;

    /// <summary>A new, unopened sink over this test's target.</summary>
    protected abstract VectorSink CreateSink();

    /// <summary>Key → what the target holds for it now, read from the store itself (not through a sink).</summary>
    protected abstract Task<IReadOnlyDictionary<string, StoredRow>> ReadBackAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static string Key(int i) => "k" + i.ToString("D5", CultureInfo.InvariantCulture);

    protected static VectorRecord Record(string key, float seed, string? hash = null) =>
        new(key, new[] { seed, seed + 0.5f, -seed, seed / 3 }, hash ?? "h-" + key);

    protected static VectorRecord Record(int i, float seed = 0) => Record(Key(i), i + seed);

    protected static List<VectorRecord> Batch(int from, int count, float seed = 0) =>
        Enumerable.Range(from, count).Select(i => Record(i, seed)).ToList();

    protected async Task<VectorSink> OpenAsync(EmbeddingSpace? space = null, string? resumeToken = null)
    {
        var sink = CreateSink();
        try
        {
            await sink.OpenAsync(space ?? Space, resumeToken);
            return sink;
        }
        catch
        {
            await sink.DisposeAsync();
            throw;
        }
    }

    protected static async Task<Dictionary<string, string>> LookupAsync(VectorSink sink, IEnumerable<string> keys)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        await sink.LookupAsync(keys.ToList(), found);
        return found;
    }

    /// <summary>Asserts the target holds exactly <paramref name="expected"/> (last write per key), bit for bit, all of <see cref="Space"/>.</summary>
    protected async Task AssertHoldsAsync(IEnumerable<VectorRecord> expected)
    {
        var want = new Dictionary<string, VectorRecord>(StringComparer.Ordinal);
        foreach (var record in expected)
        {
            want[record.Key] = record;
        }

        var held = await ReadBackAsync();
        Assert.Equal(want.Keys.Order(StringComparer.Ordinal), held.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, record) in want)
        {
            var stored = held[key];
            Assert.Equal(record.ContentHash, stored.ContentHash);
            Assert.Equal(Space.Id, stored.Space);
            Assert.Equal(Bits(record.Vector.ToArray()), Bits(stored.Vector));
        }
    }

    protected static int[] Bits(float[] vector) => [.. vector.Select(BitConverter.SingleToInt32Bits)];
}
