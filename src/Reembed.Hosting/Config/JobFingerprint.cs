using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Reembed.Hosting;

/// <summary>What a job's fingerprint is computed from; see <see cref="JobSpec.ToSpecJson"/>.</summary>
internal sealed class JobFingerprint
{
    public required JsonNode Source { get; init; }

    public required JsonNode Target { get; init; }

    public required EmbedderFingerprint Embedder { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EnrichFingerprint? Enrich { get; init; }

    public required string Mode { get; init; }
}
