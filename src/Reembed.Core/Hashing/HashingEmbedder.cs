using System.Globalization;
using Microsoft.Extensions.AI;

namespace Reembed.Hashing;

/// <summary>
/// The built-in <c>hashing</c> embedder: deterministic lexical feature hashing, for trying the tool
/// and for tests. It is not a semantic model; see <see cref="HashingEmbedderOptions"/>.
/// </summary>
public static class HashingEmbedder
{
    /// <summary>Validates <paramref name="options"/> and creates the generator. Later changes to the options do not affect it.</summary>
    /// <exception cref="ReembedException">An option is invalid (kind <see cref="ErrorKind.Config"/>).</exception>
    public static IEmbeddingGenerator<string, Embedding<float>> Create(HashingEmbedderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new HashingEmbeddingGenerator(options);
    }

    /// <summary>
    /// The embedding space of the vectors that <see cref="Create"/> makes with these options: any
    /// option that changes the vectors (dimensions, features, seed, lowercase) changes its id.
    /// </summary>
    /// <exception cref="ReembedException">An option is invalid (kind <see cref="ErrorKind.Config"/>).</exception>
    public static EmbeddingSpace GetSpace(HashingEmbedderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // Canonical order: the feature order in the config does not change the vectors, so it must not change the id.
        var features = HashingEmbedderOptions.AllowedFeatures.Where(options.Features.Contains);
        var parameters = new Dictionary<string, string>
        {
            ["features"] = string.Join(',', features),
            ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            ["lowercase"] = options.Lowercase ? "true" : "false",
        };
        return new EmbeddingSpace(
            HashingEmbeddingGenerator.ProviderName,
            HashingEmbeddingGenerator.ModelId,
            options.Dimensions,
            normalized: true,
            parameters);
    }
}
