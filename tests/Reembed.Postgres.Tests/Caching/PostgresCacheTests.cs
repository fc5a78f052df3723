using Reembed.Caching;
using Reembed.Testing;

namespace Reembed.Postgres.Tests.Caching;

public sealed class PostgresCacheTests : EmbeddingCacheConformanceTests, IAsyncLifetime
{
    private readonly TestSchema _schema = new();

    protected override async Task<EmbeddingCache> CreateCacheAsync(TimeProvider timeProvider, TimeSpan? ttl) =>
        await PostgresCache.OpenAsync(_schema.ConnectionString, _schema.Name, ttl, timeProvider);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task OpenAsync_WithTtl_DeletesExpiredRowsAndKeepsFreshOnes()
    {
        await using (var cache = await CreateCacheAsync(Clock, null))
        {
            await cache.PutVectorsAsync("space", [Entry("old", 1f)]);
            await cache.PutTextsAsync("scope", [new("old", "x")]);
            Clock.Advance(Day * 2);
            await cache.PutVectorsAsync("space", [Entry("new", 2f)]);
        }

        await using var reopened = await CreateCacheAsync(Clock, Day);

        Assert.Equal(1L, await _schema.QueryAsync<long>("SELECT count(*) FROM {schema}.cache_vectors"));
        Assert.Equal(0L, await _schema.QueryAsync<long>("SELECT count(*) FROM {schema}.cache_texts"));
    }

    [Fact]
    public async Task OpenAsync_ZeroTtl_ConfigErrorNamingTtl()
    {
        var ex = await Assert.ThrowsAsync<ReembedException>(() => CreateCacheAsync(Clock, TimeSpan.Zero));

        Assert.Equal("cache.ttl", ex.Subject);
    }

    [Fact]
    public async Task PutVectorsAsync_TwoCachesSharingSchema_EachSeesTheOthersWrites()
    {
        await using var first = await CreateCacheAsync(Clock, null);
        await using var second = await CreateCacheAsync(Clock, null);
        var overlapping = Enumerable.Range(0, 200).Select(i => Entry($"h{i}", i)).ToList();

        await Task.WhenAll(
            Task.Run(async () => await first.PutVectorsAsync("space", overlapping)),
            Task.Run(async () => await second.PutVectorsAsync("space", [.. Enumerable.Reverse(overlapping)])));

        Assert.Equal(200, (await GetVectorsAsync(second, "space", [.. overlapping.Select(e => e.Key)])).Count);
        Assert.Equal(new[] { 7f }, (await GetVectorsAsync(first, "space", "h7"))["h7"]);
    }
}
