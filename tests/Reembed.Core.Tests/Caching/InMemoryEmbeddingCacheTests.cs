using Reembed.Caching;
using Reembed.Testing;

namespace Reembed.Tests.Caching;

/// <summary>The in-memory fake used by decorator and pipeline tests must behave like the real caches.</summary>
public sealed class InMemoryEmbeddingCacheTests : EmbeddingCacheConformanceTests
{
    protected override Task<EmbeddingCache> CreateCacheAsync(TimeProvider timeProvider, TimeSpan? ttl) =>
        Task.FromResult<EmbeddingCache>(new InMemoryEmbeddingCache(timeProvider, ttl));
}
