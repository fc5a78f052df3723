namespace Reembed.Hosting;

/// <summary>
/// The <c>embedder</c> section of a remote model (<c>openai</c>, <c>azure-openai</c>, <c>ollama</c>), resolved.
/// Holds the name of the key's environment variable, never the key.
/// </summary>
public sealed class RemoteEmbedderSpec
{
    public required Uri BaseUrl { get; init; }

    /// <summary>The model; for <c>azure-openai</c>, the deployment.</summary>
    public required string Model { get; init; }

    /// <summary>Null when not configured: the first response fixes it.</summary>
    public int? Dimensions { get; init; }

    public string? ApiKeyEnv { get; init; }

    /// <summary>Azure OpenAI's <c>api-version</c>.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>A label for the model's version, part of the embedding space (e.g. a date or a checkpoint).</summary>
    public string? Revision { get; init; }

    public int? RequestsPerMinute { get; init; }

    public int? TokensPerMinute { get; init; }

    /// <summary>Null for <c>auto</c> (adaptive).</summary>
    public int? MaxConcurrency { get; init; }

    public TimeSpan RequestTimeout { get; init; }

    public double? PricePerMillionTokens { get; init; }

    /// <summary>Longest wait between retries of a transient fault.</summary>
    public TimeSpan? MaxBackoff { get; init; }

    /// <summary>How long failing without a success counts as an outage (the job shows as paused).</summary>
    public TimeSpan? OutageAfter { get; init; }

    /// <summary>An outage longer than this stops the job (exit 3); null waits for as long as it takes.</summary>
    public TimeSpan? GiveUpAfter { get; init; }
}
