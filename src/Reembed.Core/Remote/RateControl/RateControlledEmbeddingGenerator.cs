using Microsoft.Extensions.AI;

namespace Reembed.Remote;

/// <summary>An embedding generator whose calls go through a <see cref="RateController"/>.</summary>
internal sealed class RateControlledEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly RateController _controller;
    private readonly Func<string, int> _estimateTokens;

    public RateControlledEmbeddingGenerator(
        IEmbeddingGenerator<string, Embedding<float>> inner, RateController controller, Func<string, int> estimateTokens)
        : base(inner)
    {
        _controller = controller;
        _estimateTokens = estimateTokens;
    }

    internal RateController Controller => _controller;

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);

        // Materialized once: a retry must send the same inputs.
        var inputs = values as IReadOnlyList<string> ?? values.ToList();
        return _controller.ExecuteAsync(
            RateControl.Sum(inputs, _estimateTokens),
            token => InnerGenerator.GenerateAsync(inputs, options, token),
            static result => (result.Usage?.InputTokenCount, RateControl.RateLimitOf(result.AdditionalProperties)),
            cancellationToken);
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(RateControlStats)
            ? _controller.Stats
            : base.GetService(serviceType, serviceKey);
    }
}
