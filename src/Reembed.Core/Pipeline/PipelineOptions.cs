namespace Reembed;

/// <summary>Batching and concurrency of a run. Validated once, before the run starts.</summary>
public sealed class PipelineOptions
{
    public ReembedMode Mode { get; set; } = ReembedMode.Missing;

    /// <summary>Most records in one embedding request.</summary>
    public int MaxItems { get; set; } = 128;

    /// <summary>Most estimated tokens in one embedding request.</summary>
    public int MaxTokens { get; set; } = 100_000;

    /// <summary>Embedding requests in flight at once.</summary>
    public int MaxConcurrency { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// Batches between the reader and the commit point, at most. A crash redoes at most this many
    /// batches, so it bounds the extra embedding calls a resume can cost.
    /// </summary>
    public int InFlightBatches => (MaxConcurrency * 2) + 2;

    /// <summary>Most estimated tokens in one input; null for no cap (the built-in embedder has none).</summary>
    public int? MaxInputTokens { get; set; }

    public OversizePolicy Oversize { get; set; } = OversizePolicy.Truncate;

    /// <summary>Token estimates for batching and caps, calibrated from the provider's usage reports.</summary>
    public TokenCalibrator Tokens { get; init; } = new();

    /// <summary>Records looked up in the target at once when deciding what to skip.</summary>
    public int LookupChunk { get; set; } = 512;

    /// <summary>Retries of transient faults of the source reads and of the target's writes and lookups.</summary>
    public StoreResilienceOptions StoreResilience { get; set; } = new();

    public void Validate()
    {
        if (MaxItems is < 1 or > 100_000)
        {
            throw ReembedException.Config("batch.maxItems", $"must be between 1 and 100000, not {MaxItems}");
        }

        if (MaxTokens < 1)
        {
            throw ReembedException.Config("batch.maxTokens", $"must be at least 1, not {MaxTokens}");
        }

        if (MaxInputTokens is < 1)
        {
            throw ReembedException.Config("embedder.maxInputTokens", $"must be at least 1, not {MaxInputTokens}");
        }

        if (MaxConcurrency is < 1 or > 1024)
        {
            throw ReembedException.Config("embedder.maxConcurrency", $"must be between 1 and 1024, not {MaxConcurrency}");
        }

        ArgumentNullException.ThrowIfNull(StoreResilience);
        StoreResilience.Validate();
    }
}
