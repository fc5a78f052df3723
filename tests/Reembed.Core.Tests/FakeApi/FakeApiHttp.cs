using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Reembed.Testing.FakeApi;

namespace Reembed.Tests.FakeApi;

/// <summary>Raw HTTP against a running fake: what any client sees on the wire.</summary>
internal static class FakeApiHttp
{
    public static async Task<HttpResponseMessage> PostAsync(
        FakeEmbeddingServer server, string path, object body, string? bearer = null, HttpClient? client = null, string? apiKeyHeader = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Root, path))
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        if (apiKeyHeader is not null)
        {
            request.Headers.Add("api-key", apiKeyHeader);
        }

        return await (client ?? Shared).SendAsync(request);
    }

    public static Task<HttpResponseMessage> EmbedAsync(FakeEmbeddingServer server, params string[] inputs) =>
        PostAsync(server, "v1/embeddings", new { model = "text-embedding-3-small", input = inputs });

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static float[] Floats(JsonElement array) => array.EnumerateArray().Select(static v => v.GetSingle()).ToArray();

    public static float[] FromBase64(string text)
    {
        var bytes = Convert.FromBase64String(text);
        var floats = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < floats.Length; i++)
        {
            floats[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }

        return floats;
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"no {name} header");

    // One client for the whole suite, as a real embedder would hold; faults that need their own set a timeout.
    private static readonly HttpClient Shared = new();
}
