using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reembed.Remote;

/// <summary>
/// The JSON body <c>{"model": …, …options, "input": [texts]}</c> that both OpenAI and Ollama take,
/// written straight to the request stream: a batch of long texts never exists as one big string.
/// </summary>
internal sealed class EmbedRequestContent : HttpContent
{
    // Flushing in slices keeps the writer's buffer small while the socket drains.
    private const int FlushThreshold = 64 * 1024;

    // Texts go to a model, not into HTML: escaping every non-ASCII letter would only inflate the body.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _model;
    private readonly IReadOnlyList<string> _inputs;
    private readonly Action<Utf8JsonWriter>? _writeOptions;

    public EmbedRequestContent(string model, IReadOnlyList<string> inputs, Action<Utf8JsonWriter>? writeOptions)
    {
        _model = model;
        _inputs = inputs;
        _writeOptions = writeOptions;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(stream, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("model"u8, _model);
        _writeOptions?.Invoke(writer);
        writer.WriteStartArray("input"u8);
        foreach (var text in _inputs)
        {
            writer.WriteStringValue(text);
            if (writer.BytesPending >= FlushThreshold)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
