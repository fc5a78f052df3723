using System.Text.Json;

namespace Reembed.Jsonl;

/// <summary>
/// The line format of the <c>jsonl</c> target (DESIGN §6):
/// <c>{"id":"..","vector":[..],"content_hash":"..","space":".."}</c>. Floats are written in their
/// shortest round-trip form, so they read back bit-identical.
/// </summary>
internal static class JsonlVectorLine
{
    public static void Write(Utf8JsonWriter writer, in VectorRecord record, string spaceId)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, record.Key);
        writer.WriteStartArray("vector"u8);
        foreach (var value in record.Vector.Span)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
        writer.WriteString("content_hash"u8, record.ContentHash);
        writer.WriteString("space"u8, spaceId);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Reads what the target needs from a line: the id, content hash, space and the vector's
    /// length. The vector's numbers are counted, not parsed, to keep opening a large target fast.
    /// </summary>
    public static bool TryRead(
        ReadOnlySpan<byte> line, out string id, out string contentHash, out string space, out int dimensions, out string error) =>
        TryRead(line, null, out id, out contentHash, out space, out dimensions, out error);

    /// <summary>As above, and parses the vector's numbers into <paramref name="vector"/> (cleared first) when one is given.</summary>
    public static bool TryRead(
        ReadOnlySpan<byte> line, List<float>? vector, out string id, out string contentHash, out string space, out int dimensions, out string error)
    {
        vector?.Clear();
        string? foundId = null, foundHash = null, foundSpace = null;
        dimensions = -1;
        error = string.Empty;
        id = contentHash = space = string.Empty;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("vector"u8))
                {
                    if (!TryCountVector(ref reader, vector, out dimensions))
                    {
                        error = "'vector' is not an array of finite float32 numbers";
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    foundId = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("content_hash"u8))
                {
                    foundHash = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("space"u8))
                {
                    foundSpace = ReadString(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException exception)
        {
            error = exception.Message;
            return false;
        }

        var missing = foundId is null ? "id" : foundHash is null ? "content_hash" : foundSpace is null ? "space" : dimensions < 0 ? "vector" : null;
        if (missing is not null)
        {
            error = $"field '{missing}' is missing or of the wrong type";
            return false;
        }

        id = foundId!;
        contentHash = foundHash!;
        space = foundSpace!;
        return true;
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static bool TryCountVector(ref Utf8JsonReader reader, List<float>? values, out int count)
    {
        count = 0;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                return false;
            }

            if (values is not null)
            {
                if (!reader.TryGetSingle(out var value) || !float.IsFinite(value))
                {
                    return false;
                }

                values.Add(value);
            }

            count++;
        }

        return true;
    }
}
