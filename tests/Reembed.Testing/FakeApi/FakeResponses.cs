using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Reembed.Testing.FakeApi;

/// <summary>Writes whole bodies with a Content-Length, as the hosted APIs do for non-streamed responses.</summary>
internal static class FakeResponses
{
    public const string Json = "application/json";

    // The real servers escape only what JSON requires: a quote is \", not \u0022.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int status, byte[] body, string contentType = Json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, ApiDialect dialect, FakeApiError error) =>
        WriteErrorAsync(context, dialect, error.Status, error.Message, error.Type, error.Param, error.Code);

    public static Task WriteErrorAsync(
        HttpContext context, ApiDialect dialect, int status, string message, string type = "invalid_request_error",
        string? param = null, string? code = null)
    {
        var body = Build(writer =>
        {
            writer.WriteStartObject();
            if (dialect == ApiDialect.Ollama)
            {
                writer.WriteString("error", message);
            }
            else
            {
                writer.WriteStartObject("error");
                writer.WriteString("message", message);
                writer.WriteString("type", type);
                writer.WriteString("param", param);
                writer.WriteString("code", code);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });
        return WriteAsync(context, status, body);
    }

    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);
}
