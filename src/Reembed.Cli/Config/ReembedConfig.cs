using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Reembed.Cli;

/// <summary>A loaded, validated <c>reembed.json</c>.</summary>
internal sealed class ReembedConfig
{
    public required string ConfigPath { get; init; }

    public required SourceSpec Source { get; init; }

    public required TargetSpec Target { get; init; }

    public required EmbedderSpec Embedder { get; init; }

    public required PipelineOptions Pipeline { get; init; }

    public required StateSpec State { get; init; }

    /// <summary>The SQLite state file; null when the state is on PostgreSQL.</summary>
    public string? StatePath => State.Path;

    public required CacheSpec Cache { get; init; }

    public EnrichSpec? Enrich { get; init; }

    public VerifySpec Verify { get; init; } = new();

    /// <summary>The settings that decide the result, as JSON; holds names of secrets, never their values.</summary>
    public string ToSpecJson(EmbeddingSpace space) => JsonOutput.Compact(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("source");
        writer.WriteString("type", Source.Type);
        writer.WriteString("path", Source.Path);
        writer.WriteString("id", Source.Id);
        writer.WriteString("text", Source.Text.Source);
        writer.WriteString("table", Source.Table);
        writer.WriteString("where", Source.Where);
        if (Source.Type == "postgres")
        {
            // Names only: the connection string itself is a secret and stays in the environment.
            writer.WriteString("query", Source.Query);
            writer.WriteString("connectionStringEnv", Source.ConnectionStringEnv);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("target");
        writer.WriteString("type", Target.Type);
        writer.WriteString("path", Target.Path);
        writer.WriteString("table", Target.Table);
        if (Target.ShadowCutover)
        {
            // Another cut-over is another job: a shadow job never resumes as an in-place one.
            writer.WriteString("cutover", "shadow");
        }
        if (Target.Type == "postgres")
        {
            writer.WriteString("connectionStringEnv", Target.ConnectionStringEnv);
            writer.WriteString("vector", Target.Vector);
            writer.WriteString("vectorType", Target.VectorType.ToString().ToLowerInvariant());
            writer.WriteString("shape", Target.InPlace ? "in-place" : "shadow");
        }

        writer.WriteEndObject();
        writer.WriteStartObject("embedder");
        writer.WriteString("type", Embedder.Type);
        writer.WriteString("space", space.Id);
        writer.WriteString("description", space.Description);
        writer.WriteEndObject();
        if (Enrich is { } enrich)
        {
            // The rewritten text is what gets embedded: another model or prompt is another result.
            writer.WriteStartObject("enrich");
            writer.WriteString("model", enrich.Model);
            writer.WriteString("prompt", enrich.Prompt);
            writer.WriteEndObject();
        }

        writer.WriteString("mode", Pipeline.Mode.ToString().ToLowerInvariant());
        writer.WriteEndObject();
    });

    public static string Fingerprint(string specJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(specJson)))[..16];
}
