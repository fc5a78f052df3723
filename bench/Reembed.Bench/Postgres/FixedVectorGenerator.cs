using Microsoft.Extensions.AI;

namespace Reembed.Bench.Postgres;

/// <summary>Returns one precomputed vector for every input: exposes the pipeline's own cost.</summary>
internal sealed class FixedVectorGenerator(float[] vector) : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(_ => new Embedding<float>(vector))));

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
