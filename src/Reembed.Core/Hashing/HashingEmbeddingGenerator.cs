using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Microsoft.Extensions.AI;

namespace Reembed.Hashing;

/// <summary>
/// Lexical feature hashing into a fixed number of buckets; see <see cref="HashingEmbedderOptions"/>.
/// Holds no mutable state: every call brings its own scratch buffers, so concurrent calls are safe.
/// </summary>
internal sealed class HashingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    internal const string ProviderName = "hashing";

    // Bump on any change that alters vectors, so that old and new vectors never share a space id.
    internal const string ModelId = "hashing-v1";

    private const char BigramSeparator = ' ';

    private readonly int _dimensions;
    private readonly bool _lowercase;
    private readonly ulong? _wordState;
    private readonly ulong? _bigramState;
    private readonly (int Length, ulong State)[] _charGrams;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public HashingEmbeddingGenerator(HashingEmbedderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _dimensions = options.Dimensions;
        _lowercase = options.Lowercase;
        var features = options.Features;
        _wordState = features.Contains("words") ? FeatureHash.Start(1, options.Seed) : null;
        _bigramState = features.Contains("bigrams") ? FeatureHash.Start(2, options.Seed) : null;
        _charGrams = [.. new[] { 3, 4, 5 }
            .Where(n => features.Contains(string.Create(CultureInfo.InvariantCulture, $"char{n}")))
            .Select(n => (n, FeatureHash.Start((ulong)n, options.Seed)))];
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, providerUri: null, ModelId, _dimensions);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is int requested && requested != _dimensions)
        {
            throw ReembedException.Config(
                "embedder.dimensions",
                string.Create(CultureInfo.InvariantCulture, $"the hashing embedder is configured for {_dimensions} dimensions, {requested} were requested"));
        }

        try
        {
            return Task.FromResult(Generate(values, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<GeneratedEmbeddings<Embedding<float>>>(cancellationToken);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }

    private GeneratedEmbeddings<Embedding<float>> Generate(IEnumerable<string> values, CancellationToken cancellationToken)
    {
        var result = values.TryGetNonEnumeratedCount(out var count)
            ? new GeneratedEmbeddings<Embedding<float>>(count)
            : [];
        var scratch = new HashingScratch();
        long words = 0;
        foreach (var text in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (text is null)
            {
                throw new ArgumentException("A text to embed is null.", nameof(values));
            }

            var vector = new float[_dimensions];
            words += Embed(text, vector, scratch);
            result.Add(new Embedding<float>(vector) { ModelId = ModelId });
        }

        result.Usage = new UsageDetails { InputTokenCount = words, TotalTokenCount = words };
        return result;
    }

    /// <summary>Writes the L2-normalised vector of <paramref name="text"/>; returns its word count. No features, all zeros.</summary>
    private int Embed(string text, float[] vector, HashingScratch scratch)
    {
        var wordCount = WordTokenizer.Tokenize(text, _lowercase, scratch, out var paddedLength);
        if (wordCount == 0)
        {
            return 0;
        }

        // Upper bound: one per word for words and bigrams, at most one per padded char per n-gram kind.
        var capacity = (_wordState is null ? 0 : wordCount)
            + (_bigramState is null ? 0 : wordCount)
            + (_charGrams.Length * paddedLength);
        var counter = scratch.Counter;
        counter.Prepare(capacity);
        var chars = scratch.Chars;
        var spans = scratch.Words;
        ReadOnlySpan<char> previous = default;
        for (var w = 0; w < wordCount; w++)
        {
            var padded = chars.AsSpan(spans[2 * w], spans[(2 * w) + 1]);
            var word = padded[1..^1];
            if (_wordState is ulong wordState)
            {
                counter.Add(FeatureHash.Mix(FeatureHash.Append(wordState, word)));
            }

            if (_bigramState is ulong bigramState && w > 0)
            {
                var state = FeatureHash.Append(FeatureHash.Append(bigramState, previous), BigramSeparator);
                counter.Add(FeatureHash.Mix(FeatureHash.Append(state, word)));
            }

            foreach (var (n, gramState) in _charGrams)
            {
                CharGrams.Count(counter, gramState, padded, n);
            }

            previous = word;
        }

        counter.AddTo(vector);
        Normalize(vector);
        return wordCount;
    }

    private static void Normalize(float[] vector)
    {
        var sum = 0.0;
        foreach (var value in vector)
        {
            sum += (double)value * value;
        }

        if (sum == 0)
        {
            return;
        }

        // Widen, multiply in double, narrow with round-to-nearest: per lane exactly the scalar (float)(value * scale).
        var scale = 1.0 / Math.Sqrt(sum);
        var k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var first = ref MemoryMarshal.GetArrayDataReference(vector);
            var scales = Vector256.Create(scale);
            for (; k <= vector.Length - Vector256<float>.Count; k += Vector256<float>.Count)
            {
                var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref first, (nuint)k));
                Vector256.Narrow(lower * scales, upper * scales).StoreUnsafe(ref first, (nuint)k);
            }
        }

        for (; k < vector.Length; k++)
        {
            vector[k] = (float)(vector[k] * scale);
        }
    }
}
