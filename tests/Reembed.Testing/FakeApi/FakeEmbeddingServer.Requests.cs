using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Reembed.Testing.FakeApi;

public sealed partial class FakeEmbeddingServer
{
    // Vectors are written as the shortest text that reads back as the same float32, as the real APIs do.
    private static void WriteFloats(Utf8JsonWriter writer, float[] vector)
    {
        writer.WriteStartArray();
        foreach (var value in vector)
        {
            if (float.IsNaN(value))
            {
                // JSON has no NaN; a number beyond float32's range is the closest a server can send.
                writer.WriteRawValue("1e39");
            }
            else
            {
                writer.WriteNumberValue(value);
            }
        }

        writer.WriteEndArray();
    }

    /// <summary><c>input</c> as a string or an array of strings; null when it is neither.</summary>
    private static List<string>? ReadInputs(JsonElement root, ApiDialect dialect)
    {
        if (!root.TryGetProperty("input", out var input))
        {
            return dialect == ApiDialect.Ollama ? [] : null;
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            return [input.GetString()!];
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var texts = new List<string>(input.GetArrayLength());
        foreach (var item in input.EnumerateArray())
        {
            // Token-id arrays are valid for OpenAI but carry no text to embed; this fake does not take them.
            if (item.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            texts.Add(item.GetString()!);
        }

        return texts;
    }

    private int ReadDimensions(JsonElement root, ApiDialect dialect)
    {
        if (!root.TryGetProperty("dimensions", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return Options.Dimensions;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var dimensions) && dimensions > 0)
        {
            return dimensions;
        }

        throw new FakeApiError(StatusCodes.Status400BadRequest, dialect == ApiDialect.Ollama
            ? "dimensions must be a positive integer"
            : $"Invalid value for 'dimensions': {value.GetRawText()}. Expected an integer of at least 1.", param: "dimensions");
    }
}
