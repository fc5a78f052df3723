using System.Text.Json;

namespace Reembed.Sqlite;

/// <summary>
/// A shard of a sqlite source: the ids after <see cref="After"/> (exclusive) up to
/// <see cref="UpTo"/> (inclusive), both <see cref="SqliteCursor"/> strings; null means unbounded.
/// Persisted as <c>{"after": ..., "upTo": ...}</c>.
/// </summary>
internal sealed record SqliteShardRange(string? After, string? UpTo)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToDescriptor() => JsonSerializer.Serialize(this, Json);

    public static SqliteShardRange Parse(string descriptor)
    {
        try
        {
            return JsonSerializer.Deserialize<SqliteShardRange>(descriptor, Json)
                ?? throw new JsonException("null descriptor");
        }
        catch (JsonException ex)
        {
            throw new ReembedException(ErrorKind.Fatal, $"corrupt sqlite shard descriptor '{descriptor}' in the job state", ex);
        }
    }
}
