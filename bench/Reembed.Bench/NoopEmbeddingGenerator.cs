using Microsoft.Extensions.AI;

namespace Reembed.Bench;

/// <summary>Returns one precomputed unit vector for every input: exposes the pipeline's own cost.</summary>
internal sealed class NoopEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly float[] _vector;

    public NoopEmbeddingGenerator(int dimensions)
    {
        _vector = new float[dimensions];
        _vector[0] = 1f;
    }

    public ReadOnlyMemory<float> Vector => _vector;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(_ => new Embedding<float>(_vector))));

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
