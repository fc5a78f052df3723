using System.Globalization;
using System.Text.Json;

namespace Reembed.Jsonl;

/// <summary>Reading the journal back, and cutting off a line whose append a kill interrupted.</summary>
internal sealed partial class JsonlCutoverJournal
{
    private static async ValueTask<List<JsonlJournalEntry>> ReadAsync(FileStream stream, string path, CancellationToken cancellationToken)
    {
        var entries = new List<JsonlJournalEntry>();
        long? cutAt;
        await using (var reader = new JsonlLineReader(stream, leaveOpen: true))
        {
            while (await reader.ReadRecordLineAsync(cancellationToken))
            {
                entries.Add(Parse(reader.Line, path, reader.LineNumber));
            }

            // A torn last entry was never fsynced whole, so never acted on: the step it announced did not start.
            cutAt = reader.TornTailAt;
        }

        if (cutAt is { } length)
        {
            stream.SetLength(length);
            stream.Flush(flushToDisk: true);
        }

        return entries;
    }

    private static JsonlJournalEntry Parse(ReadOnlyMemory<byte> line, string path, long lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var seq = root.GetProperty("seq").GetInt64();
            var state = root.GetProperty("state").GetString() ?? throw new FormatException("'state' is null");
            if (state != JsonlJournalEntry.Intent)
            {
                return new JsonlJournalEntry(seq, state, null);
            }

            var step = new CutoverStep(
                Text(root, "kind"), Text(root, "job_id"), Text(root, "promoted"), Text(root, "demoted"), Text(root, "promoted_space"),
                root.GetProperty("demoted_space").GetString(),
                DateTimeOffset.Parse(Text(root, "at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
            return new JsonlJournalEntry(seq, state, step);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw ReembedException.Config("target.path",
                $"{path} line {lineNumber.ToString(CultureInfo.InvariantCulture)} is not a cut-over journal entry ({exception.Message}); it was changed by hand");
        }
    }

    private static string Text(JsonElement root, string name) =>
        root.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null");
}
