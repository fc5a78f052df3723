using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reembed.Hosting;

/// <summary>A verify report as JSON: compact (stored with the verdict) or as <c>verify --json</c> prints it.</summary>
public static class VerifyJson
{
    public static string Compact(VerifyReport report) => Write(report, null, null, indented: false);

    /// <summary>The indented document, with the report's path and the exit code last.</summary>
    public static string Document(VerifyResult result, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Write(result.Report, result.ReportPath, exitCode, indented: true);
    }

    private static string Write(VerifyReport report, string? reportPath, int? exitCode, bool indented)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = indented,
            Encoder = indented ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : null,
        }))
        {
            writer.WriteStartObject();
            VerifyReportJson.Write(writer, report);
            if (reportPath is not null)
            {
                writer.WriteString("reportPath", reportPath);
            }

            if (exitCode is { } code)
            {
                writer.WriteNumber("exitCode", code);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
