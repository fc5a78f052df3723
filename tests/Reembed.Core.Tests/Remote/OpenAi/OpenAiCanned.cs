using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Reembed.Remote;
using Reembed.Testing;

namespace Reembed.Tests.Remote.OpenAi;

/// <summary>Responses written the way the OpenAI embeddings API documents them, and a generator wired to a stub.</summary>
internal static class OpenAiCanned
{
    public const string Key = "sk-Zq8xVw3Lp9Tr2Kd7Yh4Mn6Bc";

    public static float[][] Vectors(int count, int dimensions, int seed = 7)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
            Enumerable.Range(0, dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1) / (random.Next(1, 1000))).ToArray())];
    }

    /// <summary>A 200 body; <paramref name="order"/> lists which vector goes where in <c>data</c> (default: in order).</summary>
    public static string Body(float[][] vectors, bool base64 = false, int[]? order = null, bool usage = true)
    {
        var builder = new StringBuilder("{\"object\":\"list\",\"data\":[");
        var indexes = order ?? [.. Enumerable.Range(0, vectors.Length)];
        for (var i = 0; i < indexes.Length; i++)
        {
            var index = indexes[i];
            builder.Append(i == 0 ? "" : ",").Append("{\"object\":\"embedding\",\"index\":").Append(index).Append(",\"embedding\":")
                .Append(base64 ? $"\"{Base64(vectors[index])}\"" : Numbers(vectors[index])).Append('}');
        }

        builder.Append("],\"model\":\"text-embedding-3-small\"");
        if (usage)
        {
            builder.Append(",\"usage\":{\"prompt_tokens\":17,\"total_tokens\":19}");
        }

        return builder.Append('}').ToString();
    }

    public static string Numbers(float[] vector) =>
        "[" + string.Join(",", vector.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";

    public static string Base64(float[] vector) => Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()));

    public static string Error(string message, string type = "invalid_request_error", string? code = null) =>
        $"{{\"error\":{{\"message\":{System.Text.Json.JsonSerializer.Serialize(message)},\"type\":\"{type}\",\"param\":null,\"code\":{(code is null ? "null" : $"\"{code}\"")}}}}}";

    public static OpenAiEmbedderOptions Options(StubHttpHandler handler) => new()
    {
        BaseUrl = new Uri("http://127.0.0.1:8089/v1"),
        Model = "text-embedding-3-small",
        ApiKey = Key,
        Handler = handler,
        Time = new ManualTimeProvider(),
    };

    /// <summary>Answers every request with the given vectors, as floats or base64 depending on what was asked.</summary>
    public static void AnswerWith(StubHttpHandler handler, float[][] vectors, params (string Name, string Value)[] headers) =>
        handler.OnSend = (request, _) => Task.FromResult(StubHttpHandler.Json(
            HttpStatusCode.OK, Body(vectors, base64: request.Body.Contains("\"base64\"", StringComparison.Ordinal)), headers));
}
