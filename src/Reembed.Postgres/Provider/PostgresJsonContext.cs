using System.Text.Json.Serialization;

namespace Reembed.Postgres;

/// <summary>The JSON of the postgres specs: their part of the job fingerprint.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PostgresSourceSpec))]
[JsonSerializable(typeof(PostgresTargetSpec))]
internal sealed partial class PostgresJsonContext : JsonSerializerContext;
