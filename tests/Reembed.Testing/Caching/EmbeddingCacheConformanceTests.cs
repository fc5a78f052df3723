using Reembed.Caching;
using Xunit;

namespace Reembed.Testing;

/// <summary>
/// What every <see cref="EmbeddingCache"/> must do. A cache kind derives from this and opens a fresh,
/// empty cache in <see cref="CreateCacheAsync"/>.
/// </summary>
public abstract partial class EmbeddingCacheConformanceTests
{
    protected static readonly TimeSpan Day = TimeSpan.FromDays(1);

    protected ManualTimeProvider Clock { get; } = new();

    protected abstract Task<EmbeddingCache> CreateCacheAsync(TimeProvider timeProvider, TimeSpan? ttl);

    protected static KeyValuePair<string, float[]> Entry(string key, params float[] vector) => new(key, vector);

    protected static async Task<Dictionary<string, float[]>> GetVectorsAsync(EmbeddingCache cache, string space, params string[] keys)
    {
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        await cache.GetVectorsAsync(space, keys, found);
        return found;
    }

    protected static async Task<Dictionary<string, string>> GetTextsAsync(EmbeddingCache cache, string scope, params string[] keys)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        await cache.GetTextsAsync(scope, keys, found);
        return found;
    }

    [Fact]
    public async Task Description_Always_IsNotEmpty()
    {
        await using var cache = await CreateCacheAsync(Clock, null);

        Assert.False(string.IsNullOrWhiteSpace(cache.Description));
    }

    [Fact]
    public async Task GetVectorsAsync_AfterPut_ReturnsBitExactFloats()
    {
        await using var cache = await CreateCacheAsync(Clock, null);
        float[] awkward = [0.1f, -0f, float.Epsilon, float.MaxValue, float.MinValue, 1e-40f, -3.4028e38f, 1f / 3];

        await cache.PutVectorsAsync("space", [Entry("h1", awkward)]);
        var found = await GetVectorsAsync(cache, "space", "h1");

        Assert.Equal(awkward.Select(BitConverter.SingleToInt32Bits), found["h1"].Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public async Task GetVectorsAsync_MixOfHitsAndMisses_AddsOnlyHits()
    {
        await using var cache = await CreateCacheAsync(Clock, null);
        await cache.PutVectorsAsync("space", [Entry("a", 1f), Entry("c", 3f)]);

        var found = await GetVectorsAsync(cache, "space", "a", "b", "c", "d");

        Assert.Equal(["a", "c"], found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([3f], found["c"]);
    }

    [Fact]
    public async Task GetVectorsAsync_EmptyCacheOrNoKeys_FindsNothing()
    {
        await using var cache = await CreateCacheAsync(Clock, null);

        Assert.Empty(await GetVectorsAsync(cache, "space", "a"));
        Assert.Empty(await GetVectorsAsync(cache, "space"));
    }

    [Fact]
    public async Task GetVectorsAsync_AnotherSpace_Misses()
    {
        await using var cache = await CreateCacheAsync(Clock, null);
        await cache.PutVectorsAsync("space-a", [Entry("h", 1f, 2f)]);
        await cache.PutVectorsAsync("space-b", [Entry("h", 9f, 9f)]);

        Assert.Empty(await GetVectorsAsync(cache, "space-c", "h"));
        Assert.Equal(new[] { 1f, 2f }, (await GetVectorsAsync(cache, "space-a", "h"))["h"]);
        Assert.Equal(new[] { 9f, 9f }, (await GetVectorsAsync(cache, "space-b", "h"))["h"]);
    }

    [Fact]
    public async Task PutVectorsAsync_SameKeyAgain_LastWriteWins()
    {
        await using var cache = await CreateCacheAsync(Clock, null);
        await cache.PutVectorsAsync("space", [Entry("h", 1f)]);
        await cache.PutVectorsAsync("space", [Entry("h", 2f, 2f)]);

        Assert.Equal(new[] { 2f, 2f }, (await GetVectorsAsync(cache, "space", "h"))["h"]);
    }

    [Fact]
    public async Task PutVectorsAsync_SameKeyTwiceInOneCall_LastEntryWins()
    {
        await using var cache = await CreateCacheAsync(Clock, null);
        await cache.PutVectorsAsync("space", [Entry("h", 1f), Entry("h", 5f)]);

        Assert.Equal(new[] { 5f }, (await GetVectorsAsync(cache, "space", "h"))["h"]);
    }

    [Fact]
    public async Task PutVectorsAsync_CallerChangesArrayAfterwards_StoredVectorUnchanged()
    {
        await using var cache = await CreateCacheAsync(Clock, null);
        var vector = new[] { 1f, 2f };
        await cache.PutVectorsAsync("space", [Entry("h", vector)]);

        vector[0] = 42f;

        Assert.Equal(new[] { 1f, 2f }, (await GetVectorsAsync(cache, "space", "h"))["h"]);
    }

    [Fact]
    public async Task GetVectorsAsync_OlderThanTtl_Misses()
    {
        await using var cache = await CreateCacheAsync(Clock, Day);
        await cache.PutVectorsAsync("space", [Entry("h", 1f)]);

        Clock.Advance(Day + TimeSpan.FromSeconds(1));

        Assert.Empty(await GetVectorsAsync(cache, "space", "h"));
    }

    [Fact]
    public async Task GetVectorsAsync_YoungerThanTtl_Hits()
    {
        await using var cache = await CreateCacheAsync(Clock, Day);
        await cache.PutVectorsAsync("space", [Entry("h", 1f)]);

        Clock.Advance(Day - TimeSpan.FromSeconds(1));

        Assert.Single(await GetVectorsAsync(cache, "space", "h"));
    }

    [Fact]
    public async Task GetVectorsAsync_NoTtl_NeverExpires()
    {
        await using var cache = await CreateCacheAsync(Clock, null);
        await cache.PutVectorsAsync("space", [Entry("h", 1f)]);

        Clock.Advance(TimeSpan.FromDays(3650));

        Assert.Single(await GetVectorsAsync(cache, "space", "h"));
    }

    [Fact]
    public async Task PutVectorsAsync_AfterExpiry_RefreshesEntry()
    {
        await using var cache = await CreateCacheAsync(Clock, Day);
        await cache.PutVectorsAsync("space", [Entry("h", 1f)]);
        Clock.Advance(Day * 2);

        await cache.PutVectorsAsync("space", [Entry("h", 2f)]);
        Clock.Advance(Day / 2);

        Assert.Equal(new[] { 2f }, (await GetVectorsAsync(cache, "space", "h"))["h"]);
    }

    [Fact]
    public async Task GetVectorsAsync_ThousandKeys_FindsEveryOne()
    {
        await using var cache = await CreateCacheAsync(Clock, null);
        var entries = Enumerable.Range(0, 1000).Select(i => Entry($"hash-{i:D4}", i, -i, i / 7f)).ToList();
        await cache.PutVectorsAsync("space", entries);

        var keys = entries.Select(e => e.Key).Append("missing").ToArray();
        var found = await GetVectorsAsync(cache, "space", keys);

        Assert.Equal(1000, found.Count);
        Assert.All(entries, e => Assert.Equal(e.Value, found[e.Key]));
    }
}
