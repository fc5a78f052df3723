namespace Reembed.Testing.FakeApi;

/// <summary>One seeded <see cref="Random"/> shared by concurrent requests; <see cref="Random"/> itself is not thread-safe.</summary>
internal sealed class SeededRandom
{
    private readonly Lock _lock = new();
    private readonly Random _random;

    public SeededRandom(int seed) => _random = new Random(seed);

    public double NextDouble()
    {
        lock (_lock)
        {
            return _random.NextDouble();
        }
    }

    public int Next(int maxExclusive)
    {
        lock (_lock)
        {
            return _random.Next(maxExclusive);
        }
    }

    public void Shuffle<T>(T[] items)
    {
        lock (_lock)
        {
            _random.Shuffle(items);
        }
    }

    public float[] UnitVector(int dimensions)
    {
        var values = new double[dimensions];
        lock (_lock)
        {
            for (var i = 0; i < dimensions; i++)
            {
                values[i] = (_random.NextDouble() * 2) - 1;
            }
        }

        return FakeEmbeddingServer.Normalize(values);
    }
}
