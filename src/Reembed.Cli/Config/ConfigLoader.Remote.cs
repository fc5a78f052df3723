namespace Reembed.Cli;

internal static partial class ConfigLoader
{
    /// <summary>
    /// <c>cache</c>: <c>false</c>, <c>true</c>, or <c>{ "path", "ttlDays", "enabled" }</c>. On by default for
    /// remote models (beside the state store); off for the built-in embedder, which is faster than a lookup.
    /// </summary>
    private static CacheSpec BindCache(ConfigSection root, string baseDirectory, StateSpec state, EmbedderSpec embedder)
    {
        // Beside a SQLite state store; with state on a server, in the config's own .reembed folder.
        var defaultPath = state.Path is { } statePath
            ? Path.Combine(Path.GetDirectoryName(statePath)!, "cache.db")
            : Resolve(baseDirectory, Path.Combine(".reembed", "cache.db"));
        var enabledByDefault = !embedder.IsLocal;
        if (root.Raw("cache") is { ValueKind: System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False })
        {
            return new CacheSpec(root.Bool("cache")!.Value, defaultPath, null);
        }

        if (root.Section("cache") is not { } section)
        {
            return new CacheSpec(enabledByDefault, defaultPath, null);
        }

        var ttl = section.Double("ttlDays", 0.0001, 36_500) is { } days ? TimeSpan.FromDays(days) : (TimeSpan?)null;
        var enabled = section.Bool("enabled") ?? true;
        switch (section.String("type"))
        {
            case "postgres":
                return BindPostgresCache(section, enabled, ttl);
            case not (null or "sqlite") and var type:
                throw ReembedException.Config(section.Key("type"), $"unknown cache type '{type}' (known: sqlite, postgres)");
        }

        section.RejectUnknownKeys("enabled", "type", "path", "ttlDays");
        var path = section.String("path") is { } configured ? Resolve(baseDirectory, configured) : defaultPath;
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
