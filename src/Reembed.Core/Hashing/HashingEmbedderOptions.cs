using System.Globalization;

namespace Reembed.Hashing;

/// <summary>
/// Options of the built-in <c>hashing</c> embedder (config section <c>embedder</c> with
/// <c>"type": "hashing"</c>).
/// </summary>
/// <remarks>
/// The hashing embedder is <b>lexical, not semantic</b>: it hashes words, word pairs and
/// character n-grams into a fixed number of buckets. Texts that share words and spellings get
/// similar vectors; texts that mean the same thing in different words do not. It needs no model,
/// no network and no GPU, and it is deterministic across runs, processes and platforms, which
/// makes it the embedder for trying the tool and for tests. Use a real model for search quality.
/// </remarks>
public sealed class HashingEmbedderOptions
{
    /// <summary>The largest accepted <see cref="Dimensions"/>.</summary>
    public const int MaxDimensions = 65536;

    /// <summary>
    /// The accepted names in <see cref="Features"/>: <c>words</c> (word unigrams), <c>bigrams</c>
    /// (pairs of adjacent words), <c>char3</c>, <c>char4</c>, <c>char5</c> (character n-grams
    /// inside each word, with the word wrapped in boundary markers as <c>^word$</c>).
    /// </summary>
    public static IReadOnlyList<string> AllowedFeatures { get; } = ["words", "bigrams", "char3", "char4", "char5"];

    /// <summary>Length of every vector (config key <c>embedder.dimensions</c>), 1 to 65536. Default 384.</summary>
    public int Dimensions { get; set; } = 384;

    /// <summary>
    /// Which features are hashed (config key <c>embedder.features</c>); see <see cref="AllowedFeatures"/>.
    /// Default <c>["words", "char3"]</c>. The order does not change the vectors.
    /// </summary>
    public IList<string> Features { get; set; } = ["words", "char3"];

    /// <summary>Seed of the feature hash (config key <c>embedder.seed</c>); another seed gives unrelated vectors. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>Lower-case the text (invariant culture) before hashing (config key <c>embedder.lowercase</c>). Default true.</summary>
    public bool Lowercase { get; set; } = true;

    /// <summary>Checks every option; throws a <see cref="ReembedException"/> of kind <see cref="ErrorKind.Config"/> naming the key.</summary>
    public void Validate()
    {
        if (Dimensions is < 1 or > MaxDimensions)
        {
            throw ReembedException.Config(
                "embedder.dimensions",
                string.Create(CultureInfo.InvariantCulture, $"must be between 1 and {MaxDimensions}, got {Dimensions}"));
        }

        var allowed = string.Join(", ", AllowedFeatures);
        if (Features is null || Features.Count == 0)
        {
            throw ReembedException.Config("embedder.features", $"must name at least one feature; allowed: {allowed}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in Features)
        {
            if (feature is null || !AllowedFeatures.Contains(feature, StringComparer.Ordinal))
            {
                throw ReembedException.Config(
                    "embedder.features",
                    $"unknown feature '{feature ?? "null"}'; allowed: {allowed}");
            }

            if (!seen.Add(feature))
            {
                throw ReembedException.Config("embedder.features", $"feature '{feature}' is listed twice");
            }
        }
    }
}
