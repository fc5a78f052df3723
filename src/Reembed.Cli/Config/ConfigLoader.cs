using System.Text.Json;

namespace Reembed.Cli;

/// <summary>
/// Loads <c>reembed.json</c> (comments and trailing commas allowed). Every problem is a config
/// error naming the key; relative paths resolve against the config file's folder.
/// </summary>
internal static partial class ConfigLoader
{
    public const string DefaultFileName = "reembed.json";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static async Task<ReembedConfig> LoadAsync(string? path, ConfigOverrides overrides, CancellationToken cancellationToken = default)
    {
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
            return Bind(new ConfigSection(document.RootElement, string.Empty), configPath, overrides);
        }
    }

    private static ReembedConfig Bind(ConfigSection root, string configPath, ConfigOverrides overrides)
    {
        var baseDirectory = Path.GetDirectoryName(configPath)!;
        root.RejectUnknownKeys("source", "target", "embedder", "mode", "batch", "state", "cache", "enrich", "verify", "$schema");
        var source = BindSource(root.Section("source", required: true)!, baseDirectory);
        var target = BindTarget(root.Section("target", required: true)!, baseDirectory, source);
        var pipeline = new PipelineOptions { Mode = ParseMode(root.String("mode") is var mode && overrides.Mode is null ? mode : overrides.Mode, overrides.Mode is null ? "mode" : "--mode") };
        var embedder = BindEmbedder(root.Section("embedder", required: true)!, pipeline);
        BindBatch(root.Section("batch"), embedder.Type, pipeline);
        var state = BindState(root, baseDirectory, overrides);
        var cache = BindCache(root, baseDirectory, state, embedder);
        var enrich = root.Section("enrich") is { } enrichSection ? BindEnrich(enrichSection) : null;
        var verify = BindVerify(root.Section("verify"), baseDirectory);
        pipeline.Validate();
        return new ReembedConfig
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

    private static SourceSpec BindSource(ConfigSection section, string baseDirectory)
    {
        var type = section.String("type", required: true)!;
        if (type == "postgres")
        {
            return BindPostgresSource(section);
        }

        section.RejectUnknownKeys(type == "sqlite" ? ["path", "id", "text", "table", "where"] : ["path", "id", "text"]);
        var path = Resolve(baseDirectory, section.String("path", required: true)!);
        var text = TextTemplate.Parse(section.String("text", required: true)!, section.Key("text"));
        SourceSpec spec = type switch
        {
            "jsonl" => new(type, path, section.String("id") ?? "id", text, null, null),
            "sqlite" => new(type, path, section.String("id") ?? "id", text, section.String("table", required: true), section.String("where")),
            _ => throw ReembedException.Config(section.Key("type"), $"unknown source type '{type}' (known: jsonl, sqlite, postgres)"),
        };
        section.RejectUnknownKeys();
        return spec;
    }

    private static TargetSpec BindTarget(ConfigSection section, string baseDirectory, SourceSpec source)
    {
        var type = section.String("type", required: true)!;
        if (type == "postgres")
        {
            return BindPostgresTarget(section, source);
        }

        section.RejectUnknownKeys(type == "sqlite" ? ["path", "table", "cutover"] : ["path", "cutover"]);
        var path = Resolve(baseDirectory, section.String("path", required: true)!);
        TargetSpec spec = type switch
        {
            "sqlite" => new(type, path, section.String("table") ?? "vectors"),
            "jsonl" => new(type, path, null),
            _ => throw ReembedException.Config(section.Key("type"), $"unknown target type '{type}' (known: sqlite, jsonl, postgres)"),
        };
        spec = spec with { ShadowCutover = BindCutover(section) };
        section.RejectUnknownKeys();
        return spec;
    }

    private static bool BindCutover(ConfigSection section) => section.String("cutover") switch
    {
        null or "inplace" => false,
        "shadow" => true,
        var other => throw ReembedException.Config(section.Key("cutover"), $"unknown cut-over '{other}' (known: inplace, shadow)"),
    };

    private static ReembedMode ParseMode(string? mode, string key) => mode switch
    {
        null or "missing" => ReembedMode.Missing,
        "changed" => ReembedMode.Changed,
        "all" => ReembedMode.All,
        _ => throw ReembedException.Config(key, $"unknown mode '{mode}' (known: missing, changed, all)"),
    };

    private static string Resolve(string baseDirectory, string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path));
}
