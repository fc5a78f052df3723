using System.Text.Json.Serialization;

namespace Reembed.Hosting;

/// <summary>The compact JSON a job fingerprint is computed from.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(JobFingerprint))]
internal sealed partial class FingerprintJsonContext : JsonSerializerContext;
