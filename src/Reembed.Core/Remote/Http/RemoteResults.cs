using Microsoft.Extensions.AI;

namespace Reembed.Remote;

/// <summary>What the HTTP embedders share on either side of a request: checked inputs, built results.</summary>
internal static class RemoteResults
{
    public static IReadOnlyList<string> Inputs(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values as IReadOnlyList<string> ?? [.. values];
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is null)
            {
                throw new ArgumentException($"The text to embed at position {i} is null.", nameof(values));
            }
        }

        return inputs;
    }

    public static GeneratedEmbeddings<Embedding<float>> Build(
        float[][] vectors, string model, long? inputTokens, long? totalTokens, RateLimitInfo? rateLimit)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        foreach (var vector in vectors)
        {
            result.Add(new Embedding<float>(vector) { ModelId = model });
        }

        if (inputTokens is not null || totalTokens is not null)
        {
            result.Usage = new UsageDetails { InputTokenCount = inputTokens, TotalTokenCount = totalTokens ?? inputTokens };
        }

        if (rateLimit is not null)
        {
            result.AdditionalProperties = new AdditionalPropertiesDictionary { [RemoteProperties.RateLimit] = rateLimit };
        }

        return result;
    }

    /// <summary>The base URL without query or fragment and without a trailing slash, ready for a path to be appended.</summary>
    public static string Root(Uri baseUrl) => baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');

    public static object? GetService(object generator, EmbeddingGeneratorMetadata metadata, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata
            : serviceType.IsInstanceOfType(generator) ? generator
            : null;
    }
}
