using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reembed.Remote;

/// <summary>
/// The JSON body <c>{"model": …, …options, "input": [texts]}</c> that both OpenAI and Ollama take,
/// encoded once to UTF-8 bytes and sent with a Content-Length: some OpenAI-compatible servers
/// (small embedded HTTP stacks) refuse chunked request bodies. A batch is at most a few megabytes.
/// </summary>
internal sealed class EmbedRequestContent : HttpContent
{
    // Texts go to a model, not into HTML: escaping every non-ASCII letter would only inflate the body.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _model;
    private readonly IReadOnlyList<string> _inputs;
    private readonly Action<Utf8JsonWriter>? _writeOptions;
    private ArrayBufferWriter<byte>? _body;

    public EmbedRequestContent(string model, IReadOnlyList<string> inputs, Action<Utf8JsonWriter>? writeOptions)
    {
        _model = model;
        _inputs = inputs;
        _writeOptions = writeOptions;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Body().WrittenMemory, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = Body().WrittenCount;
        return true;
    }

    private ArrayBufferWriter<byte> Body()
    {
        if (_body is not null)
        {
            return _body;
        }

        var body = new ArrayBufferWriter<byte>(Math.Max(256, _inputs.Sum(static text => text.Length) + 64));
        using (var writer = new Utf8JsonWriter(body, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("model"u8, _model);
            _writeOptions?.Invoke(writer);
            writer.WriteStartArray("input"u8);
            foreach (var text in _inputs)
            {
                writer.WriteStringValue(text);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return _body = body;
    }
}
