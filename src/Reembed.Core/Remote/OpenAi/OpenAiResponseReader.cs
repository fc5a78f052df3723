using System.Text.Json;

namespace Reembed.Remote;

/// <summary>
/// Reads <c>{"data": [{"index": i, "embedding": [..] | "base64"}], "usage": {"prompt_tokens": n, "total_tokens": n}}</c>,
/// putting each vector at its <c>index</c>, since servers may answer out of order.
/// </summary>
internal static class OpenAiResponseReader
{
    public static OpenAiResponse Read(ReadOnlySpan<byte> body, int inputs, string provider)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw ApiErrors.Malformed(provider, $"the body is {VectorJson.Describe(reader.TokenType)}, not a JSON object");
        }

        float[][]? vectors = null;
        long? promptTokens = null;
        long? totalTokens = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                vectors = ReadData(ref reader, inputs, provider);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                ReadUsage(ref reader, ref promptTokens, ref totalTokens);
            }
            else
            {
                VectorJson.SkipValue(ref reader);
            }
        }

        return vectors is null
            ? throw ApiErrors.Malformed(provider, "the body has no \"data\" array")
            : new OpenAiResponse(vectors, promptTokens, totalTokens);
    }

    private static float[][] ReadData(ref Utf8JsonReader reader, int inputs, string provider)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw ApiErrors.Malformed(provider, $"\"data\" is {VectorJson.Describe(reader.TokenType)}, not an array");
        }

        var vectors = new float[inputs][];
        var scratch = new List<float>();
        var received = 0;
        var placed = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var (index, vector) = ReadItem(ref reader, provider, scratch);

            // Without an index, position is all there is to go by.
            var at = index ?? received;
            received++;
            if (at >= 0 && at < inputs && vectors[at] is null)
            {
                vectors[at] = vector;
                placed++;
            }
        }

        if (received != inputs || placed != inputs)
        {
            throw received == inputs
                ? new ApiException(ErrorKind.Item, VectorJson.WrongCount,
                    $"{provider} returned {received} vectors for {inputs} inputs, but their indexes do not cover 0 to {inputs - 1}")
                : VectorJson.WrongCountError(provider, received, inputs);
        }

        return vectors;
    }

    private static (int? Index, float[] Vector) ReadItem(ref Utf8JsonReader reader, string provider, List<float> scratch)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ApiErrors.Malformed(provider, $"an item of \"data\" is {VectorJson.Describe(reader.TokenType)}, not an object");
        }

        int? index = null;
        float[]? vector = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value))
                {
                    throw ApiErrors.Malformed(provider, "an \"index\" is not an integer");
                }

                index = value;
            }
            else if (reader.ValueTextEquals("embedding"u8))
            {
                reader.Read();
                vector = VectorJson.ReadEmbedding(ref reader, provider, scratch);
            }
            else
            {
                VectorJson.SkipValue(ref reader);
            }
        }

        return vector is null
            ? throw ApiErrors.Malformed(provider, "an item of \"data\" has no \"embedding\"")
            : (index, vector);
    }

    private static void ReadUsage(ref Utf8JsonReader reader, ref long? promptTokens, ref long? totalTokens)
    {
        // Usage is informational: a server that reports it oddly still delivered the vectors.
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                reader.Read();
                promptTokens = VectorJson.ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("total_tokens"u8))
            {
                reader.Read();
                totalTokens = VectorJson.ReadCount(ref reader);
            }
            else
            {
                VectorJson.SkipValue(ref reader);
            }
        }
    }
}
