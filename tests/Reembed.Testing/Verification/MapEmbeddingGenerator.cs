using Microsoft.Extensions.AI;

namespace Reembed.Testing.Verification;

/// <summary>An embedder that answers from a table of text → vector, so that a test can lay out rankings by hand; counts calls.</summary>
public sealed class MapEmbeddingGenerator(IReadOnlyDictionary<string, float[]> vectors) : IEmbeddingGenerator<string, Embedding<float>>
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The size of the largest request seen.</summary>
    public int LargestBatch { get; private set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        var texts = values.ToList();
        LargestBatch = Math.Max(LargestBatch, texts.Count);
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(
            texts.Select(text => new Embedding<float>(vectors.TryGetValue(text, out var v) ? v : throw new KeyNotFoundException(text)))));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
