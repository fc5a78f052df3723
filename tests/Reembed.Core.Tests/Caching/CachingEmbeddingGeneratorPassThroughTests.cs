using Microsoft.Extensions.AI;
using Reembed.Caching;
using Reembed.Remote;
using Reembed.Testing;

namespace Reembed.Tests.Caching;

public sealed class CachingEmbeddingGeneratorPassThroughTests
{
    [Fact]
    public async Task GenerateAsync_Misses_PassesUsageAndPropertiesThrough()
    {
        var limits = new RateLimitInfo(100, null, 99, null, TimeSpan.FromSeconds(1), null);
        var inner = new AnnotatingGenerator(new UsageDetails { InputTokenCount = 7, TotalTokenCount = 7 }, limits);
        using var generator = EmbeddingCaching.Wrap(inner, new InMemoryEmbeddingCache(), "space", 2);

        var result = await generator.GenerateAsync(["a", "b"]);

        Assert.Equal(7, result.Usage?.InputTokenCount);
        Assert.Same(limits, result.AdditionalProperties?[RemoteProperties.RateLimit]);
    }

    [Fact]
    public async Task GenerateAsync_AllHits_HasNoUsage()
    {
        var inner = new AnnotatingGenerator(new UsageDetails { InputTokenCount = 7 }, null);
        using var generator = EmbeddingCaching.Wrap(inner, new InMemoryEmbeddingCache(), "space", 2);
        await generator.GenerateAsync(["a"]);

        var result = await generator.GenerateAsync(["a"]);

        Assert.Null(result.Usage);
        Assert.Equal(1, inner.Calls);
    }

    /// <summary>Answers like a remote provider: usage and rate-limit facts on the result.</summary>
    private sealed class AnnotatingGenerator(UsageDetails usage, RateLimitInfo? limits) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public int Calls { get; private set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            var result = new GeneratedEmbeddings<Embedding<float>>(values.Select(_ => new Embedding<float>(new[] { 0.6f, 0.8f })))
            {
                Usage = usage,
                AdditionalProperties = limits is null ? null : new() { [RemoteProperties.RateLimit] = limits },
            };
            return Task.FromResult(result);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
