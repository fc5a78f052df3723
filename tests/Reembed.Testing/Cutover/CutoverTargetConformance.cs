using System.Globalization;
using System.Text;
using Xunit;

namespace Reembed.Testing;

/// <summary>
/// What every <see cref="CutoverTarget"/> must do. A target kind derives from this: <see cref="CreateTarget"/>
/// returns a cut-over target over this test's live table/file, <see cref="CreateSink"/> an ordinary sink over a
/// name of that target (the live name or a shadow name), and <see cref="ReadRawAsync"/> reads a name straight
/// from the store (plain SQL, a plain file read), so that what a swap leaves is checked the way users read it.
/// </summary>
public abstract partial class CutoverTargetConformance : IAsyncLifetime
{
    protected static readonly EmbeddingSpace SpaceA = new("conformance", "model-a", 4, normalized: false);
    protected static readonly EmbeddingSpace SpaceB = new("conformance", "model-b", 6, normalized: false);

    /// <summary>A new cut-over target over this test's live table/file; every call reaches the same store.</summary>
    protected abstract CutoverTarget CreateTarget();

    /// <summary>A new, unopened sink writing the table/file <paramref name="name"/> of this test's target.</summary>
    protected abstract VectorSink CreateSink(string name);

    /// <summary>Key → what <paramref name="name"/> holds, read from the store itself; null when it does not exist.</summary>
    protected abstract Task<IReadOnlyDictionary<string, StoredRow>?> ReadRawAsync(string name);

    /// <summary>Makes the live table/file exist, empty and tagged with no space, by the store's plain means (not the sink).</summary>
    protected abstract Task CreateEmptyUntaggedLiveAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static List<VectorRecord> Records(EmbeddingSpace space, int count, float seed = 0) =>
        [.. Enumerable.Range(0, count).Select(i => new VectorRecord(
            "k" + i.ToString("D3", CultureInfo.InvariantCulture),
            Enumerable.Range(0, space.Dimensions).Select(d => seed + i + (d / 8f) - (space.Dimensions / 3f)).ToArray(),
            $"h-{space.Model}-{i}"))];

    protected async Task WriteAsync(string name, EmbeddingSpace space, IReadOnlyList<VectorRecord> records)
    {
        await using var sink = CreateSink(name);
        await sink.OpenAsync(space, resumeToken: null);
        if (records.Count > 0)
        {
            await sink.WriteAsync(records);
        }

        await sink.CompleteAsync();
    }

    /// <summary>The usual start: live vectors of <see cref="SpaceA"/> (3) and a shadow of <see cref="SpaceB"/> (5).</summary>
    protected async Task<(List<VectorRecord> A, List<VectorRecord> B)> GivenLiveAAndShadowBAsync(CutoverTarget target)
    {
        var a = Records(SpaceA, 3);
        var b = Records(SpaceB, 5, seed: 100);
        await WriteAsync(target.LiveName, SpaceA, a);
        await WriteAsync(target.ShadowName(SpaceB.Id), SpaceB, b);
        return (a, b);
    }

    /// <summary>Asserts <paramref name="name"/> holds exactly <paramref name="expected"/>, bit for bit, all of <paramref name="space"/>.</summary>
    protected async Task AssertHoldsAsync(string name, EmbeddingSpace space, IReadOnlyList<VectorRecord> expected)
    {
        var held = await ReadRawAsync(name);
        Assert.NotNull(held);
        Assert.Equal(expected.Select(static r => r.Key).Order(StringComparer.Ordinal), held.Keys.Order(StringComparer.Ordinal));
        foreach (var record in expected)
        {
            var stored = held[record.Key];
            Assert.Equal(record.ContentHash, stored.ContentHash);
            Assert.Equal(space.Id, stored.Space);
            Assert.Equal(Bits(record.Vector.ToArray()), Bits(stored.Vector));
        }
    }

    protected async Task AssertAbsentAsync(string name) => Assert.Null(await ReadRawAsync(name));

    /// <summary>Everything a refused step must leave alone: the inspected state and the contents of every table/file in it.</summary>
    protected async Task<string> DescribeAllAsync(CutoverTarget target)
    {
        var state = await target.InspectAsync();
        var text = new StringBuilder();
        text.Append(state.LastStep).Append('\n');
        foreach (var table in new[] { state.Live }.Concat(state.Others.OrderBy(static o => o.Name, StringComparer.Ordinal)))
        {
            text.Append(table).Append('\n');
            var held = await ReadRawAsync(table.Name);
            foreach (var (key, stored) in (held ?? new Dictionary<string, StoredRow>()).OrderBy(static p => p.Key, StringComparer.Ordinal))
            {
                text.Append(key).Append(' ').Append(stored.ContentHash).Append(' ').Append(stored.Space).Append(' ')
                    .AppendJoin(',', Bits(stored.Vector)).Append('\n');
            }
        }

        return text.ToString();
    }

    protected static void AssertSameStep(CutoverStep expected, CutoverStep? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { At = default }, actual with { At = default });

        // Stores keep time at their own precision (PostgreSQL: microseconds).
        Assert.True((expected.At - actual.At).Duration() < TimeSpan.FromMilliseconds(1), $"{expected.At:O} vs {actual.At:O}");
    }

    protected static int[] Bits(float[] vector) => [.. vector.Select(BitConverter.SingleToInt32Bits)];

    [Fact]
    public async Task ShadowName_TwoSpaces_DeterministicDistinctAndNotLive()
    {
        await using var target = CreateTarget();

        Assert.Equal(target.ShadowName(SpaceA.Id), target.ShadowName(SpaceA.Id));
        Assert.NotEqual(target.ShadowName(SpaceA.Id), target.ShadowName(SpaceB.Id));
        Assert.NotEqual(target.LiveName, target.ShadowName(SpaceA.Id));
    }

    [Fact]
    public async Task InspectAsync_NothingWritten_LiveAbsentWithCountZeroAndNoStep()
    {
        await using var target = CreateTarget();

        var state = await target.InspectAsync();

        Assert.Equal(new CutoverTable(target.LiveName, null, 0), state.Live);
        Assert.Empty(state.Others);
        Assert.Null(state.LastStep);
        Assert.Null(state.Superseded);
    }

    [Fact]
    public async Task InspectAsync_LiveAndShadow_NamesSpacesAndCounts()
    {
        await using var target = CreateTarget();
        await GivenLiveAAndShadowBAsync(target);

        var state = await target.InspectAsync();

        Assert.Equal(new CutoverTable(target.LiveName, SpaceA.Id, 3), state.Live);
        Assert.Equal([new CutoverTable(target.ShadowName(SpaceB.Id), SpaceB.Id, 5)], state.Others);
        Assert.Null(state.LastStep);
    }

    [Fact]
    public async Task OpenCollectionAsync_Live_StreamsEveryStoredVector()
    {
        await using var target = CreateTarget();
        var (a, _) = await GivenLiveAAndShadowBAsync(target);

        await using var collection = await target.OpenCollectionAsync(target.LiveName);
        Assert.NotNull(collection);
        var read = new List<StoredVector>();
        await foreach (var vector in collection.ReadAsync())
        {
            read.Add(vector);
        }

        Assert.Equal(target.LiveName, collection.Name);
        Assert.Equal(a.Select(static r => r.Key), read.Select(static v => v.Key).Order(StringComparer.Ordinal));
        foreach (var record in a)
        {
            var vector = read.Single(v => v.Key == record.Key);
            Assert.Equal(Bits(record.Vector.ToArray()), Bits(vector.Vector));
            Assert.Equal(record.ContentHash, vector.ContentHash);
            Assert.Equal(SpaceA.Id, vector.SpaceId);
        }
    }

    [Fact]
    public async Task OpenCollectionAsync_NameThatDoesNotExist_Null()
    {
        await using var target = CreateTarget();
        await GivenLiveAAndShadowBAsync(target);

        Assert.Null(await target.OpenCollectionAsync(target.ShadowName("0123456789abcdef")));
    }
}
