using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Reembed.Remote;

/// <summary>
/// Reads vectors from a response with a <see cref="Utf8JsonReader"/>: a JSON array of numbers or a
/// base64 string of little-endian float32. Finiteness and length are the pipeline's to check, not ours.
/// </summary>
internal static class VectorJson
{
    /// <summary>The error class of a response whose vectors do not match the inputs one to one.</summary>
    public const string WrongCount = "wrong-count";

    /// <summary>Reads the vector the reader stands on (its first token): an array of numbers or a base64 string.</summary>
    public static float[] ReadEmbedding(ref Utf8JsonReader reader, string provider, List<float> scratch) =>
        reader.TokenType switch
        {
            JsonTokenType.StartArray => ReadNumbers(ref reader, provider, scratch),
            JsonTokenType.String => ReadBase64(ref reader, provider),
            _ => throw ApiErrors.Malformed(provider, $"an embedding is {Describe(reader.TokenType)}, not an array of numbers or a base64 string"),
        };

    /// <summary>An integer count such as <c>prompt_tokens</c>; null when absent, null or not an integer.</summary>
    public static long? ReadCount(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
        {
            return value;
        }

        reader.Skip();
        return null;
    }

    /// <summary>Moves to the value of the property the reader stands on and past it.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    public static ApiException WrongCountError(string provider, int vectors, int inputs) =>
        new(ErrorKind.Item, WrongCount,
            string.Create(CultureInfo.InvariantCulture, $"{provider} returned {vectors} vectors for {inputs} inputs"));

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static float[] ReadNumbers(ref Utf8JsonReader reader, string provider, List<float> scratch)
    {
        scratch.Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw ApiErrors.Malformed(provider, $"an embedding holds {Describe(reader.TokenType)} where a number belongs");
            }

            // Parsed as double, then narrowed: 1e39 becomes +∞, which validation reports against the record.
            // Beyond double's range the reader refuses; the sign decides which infinity it is.
            scratch.Add(reader.TryGetDouble(out var value) ? (float)value
                : reader.ValueSpan[0] == (byte)'-' ? float.NegativeInfinity : float.PositiveInfinity);
        }

        return [.. scratch];
    }

    private static float[] ReadBase64(ref Utf8JsonReader reader, string provider)
    {
        // A JSON encoder may escape '/' as "\/"; only then is a copy needed.
        byte[]? unescaped = null;
        var text = reader.ValueSpan;
        if (reader.ValueIsEscaped)
        {
            unescaped = ArrayPool<byte>.Shared.Rent(text.Length);
            text = unescaped.AsSpan(0, reader.CopyString(unescaped));
        }

        try
        {
            return Decode(text, provider);
        }
        finally
        {
            if (unescaped is not null)
            {
                ArrayPool<byte>.Shared.Return(unescaped);
            }
        }
    }

    private static float[] Decode(ReadOnlySpan<byte> text, string provider)
    {
        if (text.Length % 4 != 0)
        {
            throw ApiErrors.Malformed(provider, "a base64 embedding is not a whole number of base64 blocks");
        }

        var padding = text.EndsWith("=="u8) ? 2 : text.EndsWith("="u8) ? 1 : 0;
        var bytes = (text.Length / 4 * 3) - padding;
        if (bytes % sizeof(float) != 0)
        {
            throw ApiErrors.Malformed(provider, "a base64 embedding is not a whole number of float32 values");
        }

        var vector = new float[bytes / sizeof(float)];
        var status = Base64.DecodeFromUtf8(text, MemoryMarshal.AsBytes(vector.AsSpan()), out _, out var written);
        if (status != OperationStatus.Done || written != bytes)
        {
            throw ApiErrors.Malformed(provider, "an embedding is not valid base64");
        }

        if (!BitConverter.IsLittleEndian)
        {
            var words = MemoryMarshal.Cast<float, int>(vector.AsSpan());
            BinaryPrimitives.ReverseEndianness(words, words);
        }

        return vector;
    }
}
