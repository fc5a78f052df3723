using System.Text.Json;
using Reembed.Hashing;
using Reembed.Providers;

namespace Reembed.Hosting;

public sealed partial class JobSpecLoader
{
    private const int AutoConcurrencyWorkers = 32;

    private static EmbedderSpec BindEmbedder(ConfigSection section, PipelineOptions pipeline)
    {
        var type = section.String("type", required: true)!;
        var spec = type switch
        {
            "hashing" => BindHashing(section, pipeline),
            "openai" or "azure-openai" or "ollama" => BindRemote(section, type, pipeline),
            _ => throw ReembedException.Config(section.Key("type"), $"unknown embedder type '{type}' (known: hashing, openai, azure-openai, ollama)"),
        };
        section.RejectUnknownKeys();
        return spec;
    }

    private static EmbedderSpec BindHashing(ConfigSection section, PipelineOptions pipeline)
    {
        section.RejectUnknownKeys("dimensions", "features", "seed", "lowercase", "maxConcurrency");
        var options = new HashingEmbedderOptions();
        options.Dimensions = section.Int("dimensions", 1, 65_536) ?? options.Dimensions;
        if (section.StringList("features") is { } features)
        {
            options.Features = features.ToList();
        }

        options.Seed = section.Int("seed", int.MinValue, int.MaxValue) ?? options.Seed;
        options.Lowercase = section.Bool("lowercase") ?? options.Lowercase;
        if (MaxConcurrency(section) is { } concurrency)
        {
            pipeline.MaxConcurrency = concurrency;
        }

        options.Validate();
        return new EmbedderSpec("hashing", options, null);
    }

    private static EmbedderSpec BindRemote(ConfigSection section, string type, PipelineOptions pipeline)
    {
        var azure = type == "azure-openai";
        var ollama = type == "ollama";
        string[] common = ["baseUrl", "dimensions", "apiKeyEnv", "revision", "requestsPerMinute", "tokensPerMinute", "maxConcurrency",
            "maxInputTokens", "oversize", "requestTimeoutSeconds", "pricePerMillionTokens", "maxBackoffSeconds", "outageAfterSeconds",
            "giveUpAfterSeconds"];
        section.RejectUnknownKeys([.. common, azure ? "deployment" : "model", .. azure ? new[] { "apiVersion" } : []]);

        var baseUrl = ollama
            ? section.Url("baseUrl") ?? new Uri("http://localhost:11434")
            : section.Url("baseUrl", required: true)!;
        var concurrency = MaxConcurrency(section);
        pipeline.MaxConcurrency = concurrency ?? AutoConcurrencyWorkers;
        var limits = ProviderLimits.For(type);
        pipeline.MaxInputTokens = section.Int("maxInputTokens", 1, 10_000_000) ?? limits.MaxInputTokens;
        pipeline.Oversize = section.String("oversize") switch
        {
            null or "truncate" => OversizePolicy.Truncate,
            "fail" => OversizePolicy.Fail,
            var other => throw ReembedException.Config(section.Key("oversize"), $"unknown policy '{other}' (known: truncate, fail)"),
        };

        var remote = new RemoteEmbedderSpec
        {
            BaseUrl = baseUrl,
            Model = section.String(azure ? "deployment" : "model", required: true)!,
            Dimensions = section.Int("dimensions", 1, 65_536),
            ApiKeyEnv = section.EnvName("apiKeyEnv"),
            ApiVersion = azure ? section.String("apiVersion", required: true) : null,
            Revision = section.String("revision"),
            RequestsPerMinute = section.Int("requestsPerMinute", 1, 100_000_000),
            TokensPerMinute = section.Int("tokensPerMinute", 1, int.MaxValue),
            MaxConcurrency = concurrency,
            RequestTimeout = TimeSpan.FromSeconds(section.Double("requestTimeoutSeconds", 0.01, 3600) ?? limits.RequestTimeoutSeconds),
            PricePerMillionTokens = section.Double("pricePerMillionTokens", 0, 1_000_000),
            MaxBackoff = Seconds(section, "maxBackoffSeconds"),
            OutageAfter = Seconds(section, "outageAfterSeconds"),
            GiveUpAfter = Seconds(section, "giveUpAfterSeconds"),
        };
        return new EmbedderSpec(type, null, remote);
    }

    private static void BindBatch(ConfigSection? batch, string embedderType, PipelineOptions pipeline)
    {
        var limits = ProviderLimits.For(embedderType);
        if (batch is not null)
        {
            batch.RejectUnknownKeys("maxItems", "maxTokens");
            pipeline.MaxItems = batch.Int("maxItems", 1, limits.MaxInputsPerRequest) ?? pipeline.MaxItems;
            pipeline.MaxTokens = batch.Int("maxTokens", 1, limits.MaxTokensPerRequest) ?? pipeline.MaxTokens;
            batch.RejectUnknownKeys();
        }

        pipeline.MaxItems = Math.Min(pipeline.MaxItems, limits.MaxInputsPerRequest);
        pipeline.MaxTokens = Math.Min(pipeline.MaxTokens, limits.MaxTokensPerRequest);
    }

    private static TimeSpan? Seconds(ConfigSection section, string key) =>
        section.Double(key, 0.01, 7 * 24 * 3600) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    private static int? MaxConcurrency(ConfigSection section) =>
        section.Raw("maxConcurrency") is { ValueKind: JsonValueKind.String } raw && raw.GetString() == "auto"
            ? null
            : section.Int("maxConcurrency", 1, 1024);
}
