using System.Text.Json;
using Reembed.Providers;

namespace Reembed.Hosting;

/// <summary>
/// Loads <c>reembed.json</c> (comments and trailing commas allowed) into a <see cref="JobSpec"/>. Every problem is a config
/// error naming the key; relative paths resolve against the config file's folder. Each store section is bound by the
/// provider its <c>type</c> selects.
/// </summary>
public sealed partial class JobSpecLoader
{
    public const string DefaultFileName = "reembed.json";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly StoreRegistry _stores;

    public JobSpecLoader(StoreRegistry stores) => _stores = stores ?? throw new ArgumentNullException(nameof(stores));

    /// <param name="path">The config file, or a folder holding <see cref="DefaultFileName"/>; null for the current folder's.</param>
    /// <param name="warn">Receives warnings (a deprecated key); null drops them.</param>
    public async Task<JobSpec> LoadAsync(string? path, ConfigOverrides overrides, Action<string>? warn = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var configPath = Path.GetFullPath(path ?? DefaultFileName);
        if (Directory.Exists(configPath))
        {
            configPath = Path.Combine(configPath, DefaultFileName);
        }

        if (!File.Exists(configPath))
        {
            throw new ReembedException(ErrorKind.Config,
                $"config file not found: {configPath} (write one with 'reembed init')") { Subject = configPath };
        }

        JsonDocument document;
        try
        {
            await using var stream = File.OpenRead(configPath);
            document = await JsonDocument.ParseAsync(stream, DocumentOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new ReembedException(ErrorKind.Config,
                $"{configPath} line {(ex.LineNumber ?? 0) + 1}: not valid JSON ({ex.Message.Split(" Path:")[0]})") { Subject = configPath };
        }

        using (document)
        {
            return Bind(new ConfigSection(document.RootElement, string.Empty), configPath, overrides, warn);
        }
    }

    private JobSpec Bind(ConfigSection root, string configPath, ConfigOverrides overrides, Action<string>? warn)
    {
        var context = new StoreBindingContext { BaseDirectory = Path.GetDirectoryName(configPath)!, Warn = warn };
        root.RejectUnknownKeys("source", "target", "embedder", "mode", "batch", "state", "cache", "enrich", "verify", "storeResilience", "$schema");
        var source = BindSource(root.Section("source", required: true)!, context);
        var target = BindTarget(root.Section("target", required: true)!, new StoreBindingContext { BaseDirectory = context.BaseDirectory, Source = source, Warn = warn });
        var pipeline = new PipelineOptions { Mode = ParseMode(root.String("mode") is var mode && overrides.Mode is null ? mode : overrides.Mode, overrides.Mode is null ? "mode" : "--mode") };
        var embedder = BindEmbedder(root.Section("embedder", required: true)!, pipeline);
        BindBatch(root.Section("batch"), embedder.Type, pipeline);
        if (root.Section("storeResilience") is { } resilience)
        {
            BindStoreResilience(resilience, pipeline.StoreResilience);
        }

        var state = BindState(root, context, overrides);
        var cache = BindCache(root, context, state, embedder);
        var enrich = root.Section("enrich") is { } enrichSection ? BindEnrich(enrichSection) : null;
        var verify = BindVerify(root.Section("verify"), context);
        pipeline.Validate();
        return new JobSpec
        {
            ConfigPath = configPath,
            Source = source,
            Target = target,
            Embedder = embedder,
            Pipeline = pipeline,
            State = state,
            Cache = cache,
            Enrich = enrich,
            Verify = verify,
        };
    }

    /// <summary><c>storeResilience</c>: how long transient faults of the source and target are retried (values checked by the options).</summary>
    private static void BindStoreResilience(ConfigSection section, StoreResilienceOptions options)
    {
        options.MaxRetryAttempts = section.Int("maxRetryAttempts", 0, 1000) ?? options.MaxRetryAttempts;
        options.BaseDelay = section.Double("baseDelaySeconds", 0.001, 86_400) is { } baseDelay ? TimeSpan.FromSeconds(baseDelay) : options.BaseDelay;
        options.MaxDelay = section.Double("maxDelaySeconds", 0.001, 86_400) is { } maxDelay ? TimeSpan.FromSeconds(maxDelay) : options.MaxDelay;
        options.UseJitter = section.Bool("jitter") ?? options.UseJitter;
        section.RejectUnknownKeys();
    }

    private static ReembedMode ParseMode(string? mode, string key) => mode switch
    {
        null or "missing" => ReembedMode.Missing,
        "changed" => ReembedMode.Changed,
        "all" => ReembedMode.All,
        _ => throw ReembedException.Config(key, $"unknown mode '{mode}' (known: missing, changed, all)"),
    };
}
