using System.Text.Json.Serialization;

namespace Reembed.Jsonl;

/// <summary>The JSON of the jsonl specs: their part of the job fingerprint.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(JsonlSourceSpec))]
[JsonSerializable(typeof(JsonlTargetSpec))]
internal sealed partial class JsonlJsonContext : JsonSerializerContext;
