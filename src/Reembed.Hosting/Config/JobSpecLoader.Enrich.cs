using Reembed.Providers;

namespace Reembed.Hosting;

public sealed partial class JobSpecLoader
{
    private static EnrichSpec BindEnrich(ConfigSection section)
    {
        section.RejectUnknownKeys("baseUrl", "model", "prompt", "apiKeyEnv", "requestsPerMinute", "tokensPerMinute", "maxConcurrency",
            "requestTimeoutSeconds");
        var spec = new EnrichSpec
        {
            BaseUrl = section.Url("baseUrl", required: true)!,
            Model = section.String("model", required: true)!,
            Prompt = section.String("prompt", required: true)!,
            ApiKeyEnv = section.EnvName("apiKeyEnv"),
            RequestsPerMinute = section.Int("requestsPerMinute", 1, 100_000_000),
            TokensPerMinute = section.Int("tokensPerMinute", 1, int.MaxValue),
            MaxConcurrency = MaxConcurrency(section),
            RequestTimeout = TimeSpan.FromSeconds(section.Double("requestTimeoutSeconds", 0.01, 3600) ?? 60),
        };
        section.RejectUnknownKeys();
        return spec;
    }
}
