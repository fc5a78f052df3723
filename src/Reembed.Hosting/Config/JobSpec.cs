using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Reembed.Providers;

namespace Reembed.Hosting;

/// <summary>A loaded, validated <c>reembed.json</c>: the typed job spec every host hands the engine.</summary>
public sealed class JobSpec
{
    /// <summary>The config file; it is also the job key (the unfinished job of the same key is resumed).</summary>
    public required string ConfigPath { get; init; }

    public required SourceSpec Source { get; init; }

    public required TargetSpec Target { get; init; }

    public required EmbedderSpec Embedder { get; init; }

    public required PipelineOptions Pipeline { get; init; }

    public required StateSpec State { get; init; }

    public required CacheSpec Cache { get; init; }

    public EnrichSpec? Enrich { get; init; }

    public VerifySpec Verify { get; init; } = new();

    /// <summary>
    /// The settings that decide the result, as compact JSON: the source's and target's specs as their providers serialise
    /// them (every property not marked to stay out), the embedding space, the enrichment and the mode. Holds names of
    /// secrets, never their values.
    /// </summary>
    public string ToSpecJson(EmbeddingSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var fingerprint = new JobFingerprint
        {
            Source = JsonNode.Parse(Source.ToJson())!,
            Target = JsonNode.Parse(Target.ToJson())!,
            Embedder = new EmbedderFingerprint(Embedder.Type, space.Id, space.Description),
            // The rewritten text is what gets embedded: another model or prompt is another result.
            Enrich = Enrich is { } enrich ? new EnrichFingerprint(enrich.Model, enrich.Prompt) : null,
            Mode = Pipeline.Mode.ToString().ToLowerInvariant(),
        };
        return System.Text.Json.JsonSerializer.Serialize(fingerprint, FingerprintJsonContext.Default.JobFingerprint);
    }

    public static string Fingerprint(string specJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(specJson)))[..16];
}
