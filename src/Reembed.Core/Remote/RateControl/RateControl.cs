using Microsoft.Extensions.AI;

namespace Reembed.Remote;

/// <summary>
/// Puts budgets, server feedback, adaptive concurrency, retries and outage pauses in front of a
/// remote model client. Each wrapped client answers <c>GetService(typeof(RateControlStats))</c>
/// with its current counters.
/// </summary>
public static class RateControl
{
    public static IEmbeddingGenerator<string, Embedding<float>> Wrap(
        IEmbeddingGenerator<string, Embedding<float>> inner, RateControlOptions options)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new RateControlledEmbeddingGenerator(inner, new RateController(options), options.EstimateTokens);
    }

    public static IChatClient Wrap(IChatClient inner, RateControlOptions options)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new RateControlledChatClient(inner, new RateController(options), options.EstimateTokens);
    }

    internal static RateLimitInfo? RateLimitOf(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(RemoteProperties.RateLimit, out var value) ? value as RateLimitInfo : null;

    internal static int Sum(IEnumerable<string?> texts, Func<string, int> estimate)
    {
        long total = 0;
        foreach (var text in texts)
        {
            total += estimate(text ?? "");
        }

        return (int)Math.Min(total, int.MaxValue);
    }
}
