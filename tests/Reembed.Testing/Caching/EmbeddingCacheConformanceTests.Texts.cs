using Xunit;

namespace Reembed.Testing;

public abstract partial class EmbeddingCacheConformanceTests
{
    [Fact]
    public async Task GetTextsAsync_AfterPut_ReturnsExactText()
    {
        await using var cache = await CreateCacheAsync(Clock, null);
        const string text = "Ünïcödé ' \" \\ \n\t 🙂 and an empty-looking line\n\n";

        await cache.PutTextsAsync("scope", [new("k", text)]);

        Assert.Equal(text, (await GetTextsAsync(cache, "scope", "k"))["k"]);
    }

    [Fact]
    public async Task GetTextsAsync_MixOfHitsAndMisses_AddsOnlyHits()
    {
        await using var cache = await CreateCacheAsync(Clock, null);
        await cache.PutTextsAsync("scope", [new("a", "A"), new("c", "C")]);

        var found = await GetTextsAsync(cache, "scope", "a", "b", "c");

        Assert.Equal(["a", "c"], found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("C", found["c"]);
    }

    [Fact]
    public async Task GetTextsAsync_AnotherScope_Misses()
    {
        await using var cache = await CreateCacheAsync(Clock, null);
        await cache.PutTextsAsync("scope-a", [new("k", "from a")]);
        await cache.PutTextsAsync("scope-b", [new("k", "from b")]);

        Assert.Empty(await GetTextsAsync(cache, "scope-c", "k"));
        Assert.Equal("from a", (await GetTextsAsync(cache, "scope-a", "k"))["k"]);
        Assert.Equal("from b", (await GetTextsAsync(cache, "scope-b", "k"))["k"]);
    }

    [Fact]
    public async Task GetTextsAsync_SameKeyStoredAsVector_Misses()
    {
        await using var cache = await CreateCacheAsync(Clock, null);
        await cache.PutVectorsAsync("shared", [Entry("k", 1f)]);

        Assert.Empty(await GetTextsAsync(cache, "shared", "k"));
    }

    [Fact]
    public async Task PutTextsAsync_SameKeyAgain_LastWriteWins()
    {
        await using var cache = await CreateCacheAsync(Clock, null);
        await cache.PutTextsAsync("scope", [new("k", "first")]);
        await cache.PutTextsAsync("scope", [new("k", "second")]);

        Assert.Equal("second", (await GetTextsAsync(cache, "scope", "k"))["k"]);
    }

    [Fact]
    public async Task GetTextsAsync_OlderThanTtl_Misses()
    {
        await using var cache = await CreateCacheAsync(Clock, Day);
        await cache.PutTextsAsync("scope", [new("old", "x")]);
        Clock.Advance(Day / 2);
        await cache.PutTextsAsync("scope", [new("new", "y")]);

        Clock.Advance((Day / 2) + TimeSpan.FromSeconds(1));
        var found = await GetTextsAsync(cache, "scope", "old", "new");

        Assert.Equal(["new"], found.Keys);
    }

    [Fact]
    public async Task GetTextsAsync_ThousandKeys_FindsEveryOne()
    {
        await using var cache = await CreateCacheAsync(Clock, null);
        var entries = Enumerable.Range(0, 1000).Select(i => new KeyValuePair<string, string>($"key-{i:D4}", $"text {i}")).ToList();
        await cache.PutTextsAsync("scope", entries);

        var found = await GetTextsAsync(cache, "scope", [.. entries.Select(e => e.Key)]);

        Assert.Equal(1000, found.Count);
        Assert.All(entries, e => Assert.Equal(e.Value, found[e.Key]));
    }
}
