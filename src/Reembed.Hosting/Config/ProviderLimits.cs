namespace Reembed.Hosting;

/// <summary>
/// Per-request caps of each embedder type, from the providers' documentation (OpenAI: 2,048 inputs and
/// 300,000 tokens a request, 8,192 tokens an input). Batches never exceed them.
/// </summary>
internal sealed record ProviderLimits(int MaxInputsPerRequest, int MaxTokensPerRequest, int? MaxInputTokens, double RequestTimeoutSeconds)
{
    private static readonly ProviderLimits OpenAi = new(2048, 300_000, 8192, 60);
    private static readonly ProviderLimits Ollama = new(100_000, int.MaxValue, null, 120);
    private static readonly ProviderLimits Local = new(100_000, int.MaxValue, null, 0);

    public static ProviderLimits For(string embedderType) => embedderType switch
    {
        "openai" or "azure-openai" => OpenAi,
        "ollama" => Ollama,
        _ => Local,
    };
}
