using Microsoft.Extensions.AI;

namespace Reembed.Caching;

/// <summary>Puts an <see cref="EmbeddingCache"/> in front of an embedding generator.</summary>
public static class EmbeddingCaching
{
    /// <summary>
    /// Wraps <paramref name="inner"/> so that texts already embedded in <paramref name="spaceId"/> come from
    /// <paramref name="cache"/> and only the others reach the model. Only finite vectors of
    /// <paramref name="dimensions"/> (when null, the length of the first vector returned) are stored.
    /// Disposing the wrapper disposes <paramref name="inner"/>, not the cache, which the caller owns.
    /// </summary>
    public static IEmbeddingGenerator<string, Embedding<float>> Wrap(
        IEmbeddingGenerator<string, Embedding<float>> inner, EmbeddingCache cache, string spaceId, int? dimensions)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentException.ThrowIfNullOrEmpty(spaceId);
        if (dimensions is int d)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(d, 1, nameof(dimensions));
        }

        return new CachingEmbeddingGenerator(inner, cache, spaceId, dimensions);
    }
}
