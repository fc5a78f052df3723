using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reembed.Cli;

/// <summary>Writes the one JSON document a <c>--json</c> verb prints on standard output.</summary>
internal static class JsonOutput
{
    public static void Write(Action<Utf8JsonWriter> write)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        stdout.Write("\n"u8);
    }

    /// <summary>One compact JSON document as a string (for what is stored: job specs, verify metrics).</summary>
    public static string Compact(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void WriteCounters(Utf8JsonWriter writer, JobCounters counters)
    {
        writer.WriteNumber("processed", counters.Processed);
        writer.WriteNumber("embedded", counters.Embedded);
        writer.WriteNumber("skipped", counters.Skipped);
        writer.WriteNumber("cached", counters.Cached);
        writer.WriteNumber("failed", counters.Failed);
    }

    public static void WriteFailures(Utf8JsonWriter writer, string name, IEnumerable<LedgerEntry> failures)
    {
        writer.WriteStartArray(name);
        foreach (var failure in failures)
        {
            writer.WriteStartObject();
            writer.WriteString("key", failure.Key);
            writer.WriteString("locator", failure.Locator);
            writer.WriteString("stage", failure.Stage);
            writer.WriteString("class", failure.ErrorClass);
            writer.WriteString("reason", failure.Message);
            writer.WriteNumber("attempts", failure.Attempts);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void WriteSpace(Utf8JsonWriter writer, string id, string description)
    {
        writer.WriteStartObject("space");
        writer.WriteString("id", id);
        writer.WriteString("description", description);
        writer.WriteEndObject();
    }

    public static string State(JobState state) => state.ToString().ToLowerInvariant();
}
