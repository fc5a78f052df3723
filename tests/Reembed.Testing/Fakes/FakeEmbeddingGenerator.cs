using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace Reembed.Testing;

/// <summary>
/// An embedder with callback hooks: deterministic vectors from the text (SHA-256 bytes), and
/// <see cref="OnGenerate"/> to delay, fail, or corrupt a request.
/// </summary>
public sealed class FakeEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private int _requests;
    private int _inputs;

    public FakeEmbeddingGenerator(int dimensions) => Dimensions = dimensions;

    public int Dimensions { get; }

    public int Requests => Volatile.Read(ref _requests);

    public int Inputs => Volatile.Read(ref _inputs);

    /// <summary>Sees each request's inputs before it is answered; may throw, await, or return replacement vectors.</summary>
    public Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<float[]>?>>? OnGenerate { get; set; }

    public static float[] VectorFor(string text, int dimensions)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Enumerable.Range(0, dimensions).Select(i => (hash[i % hash.Length] - 128) / 128f).ToArray();
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToList();
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _inputs, inputs.Count);
        var replaced = OnGenerate is null ? null : await OnGenerate(inputs, cancellationToken);
        var vectors = replaced ?? inputs.Select(text => VectorFor(text, Dimensions)).ToList();
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(static v => new Embedding<float>(v)));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
