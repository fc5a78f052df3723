using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Reembed.Jsonl;

/// <summary>
/// The sidecar journal <c>{live}.reembed-cutover.jsonl</c>, held open exclusively while a step runs: .NET
/// locks a file opened with <see cref="FileShare.None"/> (flock on Unix), so two cut-over commands on one
/// target cannot interleave. Each line is appended and fsynced before the step goes on.
/// </summary>
internal sealed partial class JsonlCutoverJournal : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly List<JsonlJournalEntry> _entries;

    private JsonlCutoverJournal(string path, FileStream stream, List<JsonlJournalEntry> entries, bool created)
    {
        Path = path;
        _stream = stream;
        _entries = entries;
        Created = created;
    }

    public string Path { get; }

    /// <summary>Whether this open created the file (so a refused first step can leave no trace).</summary>
    public bool Created { get; }

    public IReadOnlyList<JsonlJournalEntry> Entries => _entries;

    /// <summary>The latest step that completed.</summary>
    public CutoverStep? LastStep
    {
        get
        {
            var done = _entries.LastOrDefault(static e => e.State == JsonlJournalEntry.Done);
            return done is null ? null : _entries.First(e => e.Seq == done.Seq && e.State == JsonlJournalEntry.Intent).Step;
        }
    }

    /// <summary>The intent a killed step left without an outcome; steps run one at a time, so only the last can be.</summary>
    public JsonlJournalEntry? Pending => _entries.Count > 0 && _entries[^1].State == JsonlJournalEntry.Intent ? _entries[^1] : null;

    /// <summary>Opens and locks the journal; null when it does not exist and <paramref name="create"/> is false.</summary>
    public static async ValueTask<JsonlCutoverJournal?> OpenAsync(string path, bool create, CancellationToken cancellationToken)
    {
        var existed = File.Exists(path);
        if (!existed && !create)
        {
            return null;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
        }
        catch (IOException exception) when (exception is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new ReembedException(ErrorKind.Transient,
                $"another swap, rollback or cleanup holds {path}; run this one when it has finished", exception) { Subject = "target.path" };
        }

        try
        {
            var entries = await ReadAsync(stream, path, cancellationToken);
            if (!existed)
            {
                DirectorySync.Flush(System.IO.Path.GetDirectoryName(path)!);
            }

            return new JsonlCutoverJournal(path, stream, entries, created: !existed);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public async ValueTask<long> AppendIntentAsync(CutoverStep step, CancellationToken cancellationToken)
    {
        var seq = _entries.Count == 0 ? 1 : _entries[^1].Seq + 1;
        await AppendAsync(new JsonlJournalEntry(seq, JsonlJournalEntry.Intent, step), cancellationToken);
        return seq;
    }

    public ValueTask AppendOutcomeAsync(long seq, string state, CancellationToken cancellationToken) =>
        AppendAsync(new JsonlJournalEntry(seq, state, null), cancellationToken);

    /// <summary>Removes a journal this open created and nothing was written to.</summary>
    public void DeleteIfUnused()
    {
        if (Created && _entries.Count == 0)
        {
            File.Delete(Path);
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private async ValueTask AppendAsync(JsonlJournalEntry entry, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, entry);
        }

        buffer.Write("\n"u8);
        _stream.Position = _stream.Length;
        await _stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
        _stream.Flush(flushToDisk: true);
        _entries.Add(entry);
    }

    private static void Write(Utf8JsonWriter writer, JsonlJournalEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteNumber("seq"u8, entry.Seq);
        writer.WriteString("state"u8, entry.State);
        if (entry.Step is { } step)
        {
            writer.WriteString("kind"u8, step.Kind);
            writer.WriteString("job_id"u8, step.JobId);
            writer.WriteString("promoted"u8, step.Promoted);
            writer.WriteString("demoted"u8, step.Demoted);
            writer.WriteString("promoted_space"u8, step.PromotedSpaceId);
            writer.WriteString("demoted_space"u8, step.DemotedSpaceId);
            writer.WriteString("at"u8, step.At.ToString("O", CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
    }
}
