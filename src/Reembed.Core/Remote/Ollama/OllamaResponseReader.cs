using System.Text.Json;

namespace Reembed.Remote;

/// <summary>Reads <c>{"embeddings": [[..], ..], "prompt_eval_count": n}</c>; vectors come in input order.</summary>
internal static class OllamaResponseReader
{
    public static OllamaResponse Read(ReadOnlySpan<byte> body, int inputs, string provider)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw ApiErrors.Malformed(provider, $"the body is {VectorJson.Describe(reader.TokenType)}, not a JSON object");
        }

        List<float[]>? vectors = null;
        long? promptEvalCount = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("embeddings"u8))
            {
                reader.Read();
                vectors = ReadEmbeddings(ref reader, inputs, provider);
            }
            else if (reader.ValueTextEquals("prompt_eval_count"u8))
            {
                reader.Read();
                promptEvalCount = VectorJson.ReadCount(ref reader);
            }
            else
            {
                VectorJson.SkipValue(ref reader);
            }
        }

        if (vectors is null)
        {
            throw ApiErrors.Malformed(provider, "the body has no \"embeddings\" array");
        }

        return vectors.Count != inputs
            ? throw VectorJson.WrongCountError(provider, vectors.Count, inputs)
            : new OllamaResponse([.. vectors], promptEvalCount);
    }

    private static List<float[]> ReadEmbeddings(ref Utf8JsonReader reader, int inputs, string provider)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw ApiErrors.Malformed(provider, $"\"embeddings\" is {VectorJson.Describe(reader.TokenType)}, not an array");
        }

        var vectors = new List<float[]>(inputs);
        var scratch = new List<float>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            vectors.Add(VectorJson.ReadEmbedding(ref reader, provider, scratch));
        }

        return vectors;
    }
}
