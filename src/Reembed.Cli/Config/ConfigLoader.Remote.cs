namespace Reembed.Cli;

internal static partial class ConfigLoader
{
    /// <summary>
    /// <c>cache</c>: <c>false</c>, <c>true</c>, or <c>{ "path", "ttlDays", "enabled" }</c>. On by default for
    /// remote models (beside the state store); off for the built-in embedder, which is faster than a lookup.
    /// </summary>
    private static CacheSpec BindCache(ConfigSection root, string baseDirectory, string statePath, EmbedderSpec embedder)
    {
        var defaultPath = Path.Combine(Path.GetDirectoryName(statePath)!, "cache.db");
        var enabledByDefault = !embedder.IsLocal;
        if (root.Raw("cache") is { ValueKind: System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False })
        {
            return new CacheSpec(root.Bool("cache")!.Value, defaultPath, null);
        }

        if (root.Section("cache") is not { } section)
        {
            return new CacheSpec(enabledByDefault, defaultPath, null);
        }

        section.RejectUnknownKeys("enabled", "path", "ttlDays");
        var path = section.String("path") is { } configured ? Resolve(baseDirectory, configured) : defaultPath;
        var ttl = section.Double("ttlDays", 0.0001, 36_500) is { } days ? TimeSpan.FromDays(days) : (TimeSpan?)null;
        var enabled = section.Bool("enabled") ?? true;
        section.RejectUnknownKeys();
        return new CacheSpec(enabled, path, ttl);
    }

    private static EnrichSpec BindEnrich(ConfigSection section)
    {
        section.RejectUnknownKeys("baseUrl", "model", "prompt", "apiKeyEnv", "requestsPerMinute", "tokensPerMinute", "maxConcurrency",
            "requestTimeoutSeconds");
        var spec = new EnrichSpec
        {
            BaseUrl = section.Url("baseUrl", required: true)!,
            Model = section.String("model", required: true)!,
            Prompt = section.String("prompt", required: true)!,
            ApiKeyEnv = EnvName(section, "apiKeyEnv"),
            RequestsPerMinute = section.Int("requestsPerMinute", 1, 100_000_000),
            TokensPerMinute = section.Int("tokensPerMinute", 1, int.MaxValue),
            MaxConcurrency = MaxConcurrency(section),
            RequestTimeout = TimeSpan.FromSeconds(section.Double("requestTimeoutSeconds", 0.01, 3600) ?? 60),
        };
        section.RejectUnknownKeys();
        return spec;
    }
}
