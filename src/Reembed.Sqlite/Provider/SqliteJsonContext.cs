using System.Text.Json.Serialization;

namespace Reembed.Sqlite;

/// <summary>The JSON of the sqlite specs: their part of the job fingerprint.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SqliteSourceSpec))]
[JsonSerializable(typeof(SqliteTargetSpec))]
internal sealed partial class SqliteJsonContext : JsonSerializerContext;
