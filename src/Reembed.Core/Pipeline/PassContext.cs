using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Reembed;

/// <summary>What every pass of a job shares: its stores, its embedder and its settings.</summary>
internal sealed class PassContext
{
    public required string JobId { get; init; }

    public required VectorSink Sink { get; init; }

    public required IEmbeddingGenerator<string, Embedding<float>> Generator { get; init; }

    public required EmbeddingSpace Space { get; init; }

    public required StateStore State { get; init; }

    /// <summary>Rewrites texts before they are hashed and embedded; null when the config has no <c>enrich</c>.</summary>
    public Reembed.Enrichment.TextEnricher? Enricher { get; init; }

    public required PipelineOptions Options { get; init; }

    public required RunProgress Progress { get; init; }

    public required ILogger Logger { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>Retries transient faults of the source reads and the sink's calls, on <see cref="Time"/>.</summary>
    public required StoreResilience Resilience { get; init; }

    /// <summary>Cancelled to ask the job to stop gracefully (Ctrl-C, or a cancel request seen at commit).</summary>
    public required CancellationTokenSource Stop { get; init; }
}
