using Microsoft.Extensions.AI;
using Reembed.Remote;

namespace Reembed.Caching;

/// <summary>
/// Answers what it can from an <see cref="EmbeddingCache"/> and sends only the misses, each distinct text
/// once, to the inner generator. A vector that is not finite or not of the space's dimension is returned
/// (validation fails its record downstream) but never stored, so a retry asks the model again.
/// </summary>
internal sealed class CachingEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingCache _cache;
    private readonly string _spaceId;

    // 0 until known; fixed by the first vector the model returns when no dimension was configured.
    private int _dimensions;

    public CachingEmbeddingGenerator(
        IEmbeddingGenerator<string, Embedding<float>> inner, EmbeddingCache cache, string spaceId, int? dimensions)
        : base(inner)
    {
        _cache = cache;
        _spaceId = spaceId;
        _dimensions = dimensions ?? 0;
    }

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyList<string> ?? [.. values];
        var hashes = new string[texts.Count];
        var distinct = new List<string>(texts.Count);
        var seen = new HashSet<string>(texts.Count, StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            hashes[i] = ContentHash.Compute(texts[i] ?? throw new ArgumentException("A text to embed is null.", nameof(values)));
            if (seen.Add(hashes[i]))
            {
                distinct.Add(hashes[i]);
            }
        }

        var found = new Dictionary<string, float[]>(distinct.Count, StringComparer.Ordinal);
        if (distinct.Count > 0)
        {
            await _cache.GetVectorsAsync(_spaceId, distinct, found, cancellationToken);
            DropUnusable(found);
        }

        var missSlots = new Dictionary<string, int>(StringComparer.Ordinal);
        var missTexts = new List<string>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (!found.ContainsKey(hashes[i]) && missSlots.TryAdd(hashes[i], missTexts.Count))
            {
                missTexts.Add(texts[i]);
            }
        }

        GeneratedEmbeddings<Embedding<float>>? generated = null;
        if (missTexts.Count > 0)
        {
            generated = await InnerGenerator.GenerateAsync(missTexts, options, cancellationToken);
            if (generated.Count != missTexts.Count)
            {
                throw ApiErrors.Malformed("the embedder", $"{generated.Count} embeddings for {missTexts.Count} inputs");
            }

            await StoreAsync(missSlots, generated, cancellationToken);
        }

        return Assemble(hashes, found, missSlots, generated);
    }

    private static GeneratedEmbeddings<Embedding<float>> Assemble(
        string[] hashes, Dictionary<string, float[]> found, Dictionary<string, int> missSlots, GeneratedEmbeddings<Embedding<float>>? generated)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>(hashes.Length)
        {
            Usage = generated?.Usage,
            AdditionalProperties = generated?.AdditionalProperties,
        };

        // A text repeated within the call gets its own copy, so that a later stage normalising in place
        // cannot change its twin.
        var handedOut = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hash in hashes)
        {
            var repeat = !handedOut.Add(hash);
            if (found.TryGetValue(hash, out var cached))
            {
                result.Add(new Embedding<float>(repeat ? cached.ToArray() : cached)
                {
                    AdditionalProperties = new() { [RemoteProperties.Cached] = true },
                });
                continue;
            }

            var fresh = generated![missSlots[hash]];
            result.Add(repeat ? Copy(fresh) : fresh);
        }

        return result;
    }

    private static Embedding<float> Copy(Embedding<float> embedding) => new(embedding.Vector.ToArray())
    {
        ModelId = embedding.ModelId,
        CreatedAt = embedding.CreatedAt,
        AdditionalProperties = embedding.AdditionalProperties is { } properties ? new(properties) : null,
    };

    private async ValueTask StoreAsync(
        Dictionary<string, int> missSlots, GeneratedEmbeddings<Embedding<float>> generated, CancellationToken cancellationToken)
    {
        if (_dimensions == 0 && generated.Count > 0 && generated[0].Vector.Length > 0)
        {
            Interlocked.CompareExchange(ref _dimensions, generated[0].Vector.Length, 0);
        }

        var entries = new List<KeyValuePair<string, float[]>>(missSlots.Count);
        foreach (var (hash, slot) in missSlots)
        {
            var vector = generated[slot].Vector;
            if (IsStorable(vector.Span))
            {
                entries.Add(new(hash, vector.ToArray()));
            }
        }

        if (entries.Count > 0)
        {
            await _cache.PutVectorsAsync(_spaceId, entries, cancellationToken);
        }
    }

    /// <summary>A cached vector that no longer fits (another build wrote it) is treated as a miss.</summary>
    private void DropUnusable(Dictionary<string, float[]> found)
    {
        List<string>? unusable = null;
        foreach (var (hash, vector) in found)
        {
            if (!IsStorable(vector))
            {
                (unusable ??= []).Add(hash);
            }
        }

        foreach (var hash in unusable ?? [])
        {
            found.Remove(hash);
        }
    }

    private bool IsStorable(ReadOnlySpan<float> vector)
    {
        var dimensions = Volatile.Read(ref _dimensions);
        if (vector.Length == 0 || (dimensions != 0 && vector.Length != dimensions))
        {
            return false;
        }

        foreach (var value in vector)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
