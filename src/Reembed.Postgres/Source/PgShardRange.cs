using System.Text.Json;

namespace Reembed.Postgres.Source;

/// <summary>
/// A shard of a postgres source: the ids after <see cref="After"/> (exclusive) up to
/// <see cref="UpTo"/> (inclusive), both <see cref="PgCursor"/> strings; null means unbounded.
/// Persisted as <c>{"after": ..., "upTo": ...}</c>.
/// </summary>
internal sealed record PgShardRange(string? After, string? UpTo)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToDescriptor() => JsonSerializer.Serialize(this, Json);

    public static PgShardRange Parse(string descriptor)
    {
        try
        {
            return JsonSerializer.Deserialize<PgShardRange>(descriptor, Json) ?? throw new JsonException("null descriptor");
        }
        catch (JsonException ex)
        {
            throw new ReembedException(ErrorKind.Fatal, $"corrupt postgres shard descriptor '{descriptor}' in the job state", ex);
        }
    }
}
