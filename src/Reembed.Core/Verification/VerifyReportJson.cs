using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reembed.Verification.Json;

namespace Reembed;

/// <summary>
/// The JSON of a <see cref="VerifyReport"/>, as a typed <see cref="VerifyReportDocument"/> serialised by a
/// source-generated context: camelCase, NaN and infinities written as null. Two forms: stored (compact, default
/// escaping: the verification's metrics in the state store) and printed (indented, relaxed escaping, with
/// <c>reportPath</c> and <c>exitCode</c>: <c>verify --json</c>).
/// </summary>
public static class VerifyReportJson
{
    private static readonly JsonWriterOptions Stored = default;

    private static readonly JsonWriterOptions Printed = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The report as a document; <paramref name="reportPath"/> and <paramref name="exitCode"/>, when given, are its last
    /// two properties, and are left out of the JSON when null.
    /// </summary>
    public static VerifyReportDocument ToDocument(VerifyReport report, string? reportPath = null, int? exitCode = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        return VerifyReportMapper.ToDocument(report, reportPath, exitCode);
    }

    /// <summary>
    /// The report's JSON: with <paramref name="indented"/> the printed form (indented, relaxed escaping, as
    /// <c>verify --json</c> writes it), otherwise the stored form (compact, default escaping).
    /// </summary>
    public static string Serialize(VerifyReport report, bool indented = false, string? reportPath = null, int? exitCode = null) =>
        Serialize(ToDocument(report, reportPath, exitCode), indented);

    /// <inheritdoc cref="Serialize(VerifyReport, bool, string?, int?)"/>
    public static string Serialize(VerifyReportDocument document, bool indented = false) =>
        Encoding.UTF8.GetString(SerializeToUtf8(document, indented).WrittenSpan);

    /// <summary>The document's JSON as UTF-8 (for a stream such as standard output), in the form <see cref="Serialize(VerifyReport, bool, string?, int?)"/> describes.</summary>
    public static byte[] SerializeToUtf8Bytes(VerifyReportDocument document, bool indented = false) =>
        SerializeToUtf8(document, indented).WrittenSpan.ToArray();

    /// <summary>Writes the document as one JSON object; indentation and escaping are the writer's.</summary>
    public static void Serialize(Utf8JsonWriter writer, VerifyReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        JsonSerializer.Serialize(writer, document, VerificationJsonContext.Default.VerifyReportDocument);
    }

    /// <summary>
    /// Writes the report's properties into the JSON object the writer has open: <c>passed</c>, <c>jobId</c>, <c>at</c>,
    /// <c>candidate</c>, <c>baseline</c>, <c>space</c>, <c>baselineSpaceId</c>, <c>checks</c> and <c>metrics</c>
    /// (<c>structure</c>, and <c>quality</c> or null). For callers that add properties of their own; otherwise
    /// prefer <see cref="Serialize(Utf8JsonWriter, VerifyReportDocument)"/>.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, VerifyReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        // The serialiser writes whole objects only; to land the properties in the caller's object, each one's value is
        // serialised by its own generated metadata, in the document's order, skipping what the document would skip.
        // Not by copying a JsonElement's properties: re-writing its strings escapes the '+' of the date's offset, which
        // the serialiser writes raw, and the bytes would no longer be the stored form's.
        var document = ToDocument(report);
        var context = VerificationJsonContext.Default;
        foreach (var property in context.VerifyReportDocument.Properties)
        {
            var value = property.Get!(document);
            if (property.ShouldSerialize?.Invoke(document, value) == false)
            {
                continue;
            }

            writer.WritePropertyName(property.Name);
            JsonSerializer.Serialize(writer, value, context.GetTypeInfo(property.PropertyType)!);
        }
    }

    private static ArrayBufferWriter<byte> SerializeToUtf8(VerifyReportDocument document, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, indented ? Printed : Stored))
        {
            Serialize(writer, document);
        }

        return buffer;
    }
}
