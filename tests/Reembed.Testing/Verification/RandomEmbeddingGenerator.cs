using Microsoft.Extensions.AI;

namespace Reembed.Testing.Verification;

/// <summary>
/// A broken model: a fresh random unit vector for every input of every call, whatever the text (what the fake
/// server's <c>RandomVectors</c> does), from a seeded <see cref="Random"/>.
/// </summary>
public sealed class RandomEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Lock _lock = new();
    private readonly Random _random;

    public RandomEmbeddingGenerator(int dimensions, int seed)
    {
        Dimensions = dimensions;
        _random = new Random(seed);
    }

    public int Dimensions { get; }

    /// <summary>A random unit vector from <paramref name="random"/>.</summary>
    public static float[] UnitVector(Random random, int dimensions)
    {
        var vector = new float[dimensions];
        var sum = 0.0;
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
            sum += (double)vector[i] * vector[i];
        }

        var scale = 1 / Math.Sqrt(sum);
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)(vector[i] * scale);
        }

        return vector;
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        lock (_lock)
        {
            foreach (var _ in values)
            {
                result.Add(new Embedding<float>(UnitVector(_random, Dimensions)));
            }
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
