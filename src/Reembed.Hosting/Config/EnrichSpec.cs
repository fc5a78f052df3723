namespace Reembed.Hosting;

/// <summary>The <c>enrich</c> section, resolved: a chat model rewrites each text before it is embedded.</summary>
public sealed class EnrichSpec
{
    public required Uri BaseUrl { get; init; }

    public required string Model { get; init; }

    public required string Prompt { get; init; }

    public string? ApiKeyEnv { get; init; }

    public int? RequestsPerMinute { get; init; }

    public int? TokensPerMinute { get; init; }

    public int? MaxConcurrency { get; init; }

    public TimeSpan RequestTimeout { get; init; }
}
