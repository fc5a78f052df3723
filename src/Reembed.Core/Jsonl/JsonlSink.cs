using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reembed.Jsonl;

/// <summary>
/// Appends vectors to a JSON-lines file. The resume token is the file length after a durable
/// write: truncating to it on open drops whatever a crashed run wrote after its last checkpoint,
/// which keeps a redo idempotent. An upsert of a key already in the file appends a newer line;
/// <see cref="CompleteAsync"/> compacts the file to one line per key.
/// </summary>
/// <remarks>
/// <see cref="LookupAsync"/> may run while a <see cref="WriteAsync"/> is in flight (the plan stage
/// looks ahead of the write stage), so the index is locked; writes themselves are sequential.
/// </remarks>
internal sealed partial class JsonlSink : VectorSink
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // The file is data, never embedded in HTML: keep non-ASCII ids readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly JsonlSinkOptions _options;
    private readonly Dictionary<string, Entry> _index = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Lock _indexLock = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly Utf8JsonWriter _writer;
    private readonly List<(int Start, int Length)> _written = [];
    private FileStream? _stream;
    private EmbeddingSpace? _space;
    private bool _hasDuplicates;

    public JsonlSink(JsonlSinkOptions options)
    {
        _options = options;
        _writer = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    public override string Description => $"jsonl {_options.Path}";

    public override async ValueTask OpenAsync(EmbeddingSpace space, string? resumeToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (_stream is not null)
        {
            throw new InvalidOperationException($"{Description} is already open.");
        }

        _space = space;
        _stream = OpenFile();
        try
        {
            if (resumeToken is not null)
            {
                TruncateTo(ParseToken(resumeToken));
            }

            await ScanAsync(space, readOnly: false, cancellationToken);
        }
        catch
        {
            await _stream.DisposeAsync();
            _stream = null;
            throw;
        }
    }

    public override async ValueTask<bool> OpenForLookupAsync(EmbeddingSpace space, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (!File.Exists(_options.Path))
        {
            return false;
        }

        _space = space;
        _stream = new FileStream(_options.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.Asynchronous);
        await ScanAsync(space, readOnly: true, cancellationToken);
        return true;
    }

    public override ValueTask LookupAsync(
        IReadOnlyList<string> keys, IDictionary<string, string> found, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(found);
        RequireOpen();
        lock (_indexLock)
        {
            foreach (var key in keys)
            {
                if (_index.TryGetValue(key, out var entry))
                {
                    found[key] = entry.ContentHash;
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public override async ValueTask<string?> WriteAsync(
        IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var stream = RequireOpen();
        var space = _space!;
        _buffer.ResetWrittenCount();
        _written.Clear();
        foreach (var record in records)
        {
            CheckVector(record, space);
            var start = _buffer.WrittenCount;
            _writer.Reset(_buffer);
            JsonlVectorLine.Write(_writer, record, space.Id);
            _writer.Flush();
            _written.Add((start, _buffer.WrittenCount - start));
            _buffer.Write("\n"u8);
        }

        var baseOffset = stream.Length;
        try
        {
            stream.Position = baseOffset;
            await stream.WriteAsync(_buffer.WrittenMemory, cancellationToken);
            stream.Flush(flushToDisk: true);
        }
        catch (IOException exception)
        {
            throw CannotWrite(exception.Message, exception);
        }

        lock (_indexLock)
        {
            for (var i = 0; i < records.Count; i++)
            {
                AddToIndex(records[i].Key, new Entry(records[i].ContentHash, baseOffset + _written[i].Start, _written[i].Length));
            }
        }

        return stream.Length.ToString(CultureInfo.InvariantCulture);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
            _stream = null;
        }

        await _writer.DisposeAsync();
        await base.DisposeAsync();
    }

    private FileStream RequireOpen() =>
        _stream ?? throw new InvalidOperationException($"{Description} is not open; call OpenAsync first.");

    private void AddToIndex(string key, Entry entry)
    {
        if (_index.TryAdd(key, entry))
        {
            _order.Add(key);
        }
        else
        {
            _index[key] = entry;
            _hasDuplicates = true;
        }
    }

    private static void CheckVector(in VectorRecord record, EmbeddingSpace space)
    {
        // The validate stage guarantees both; a violation here is a bug upstream, not bad data.
        if (record.Vector.Length != space.Dimensions)
        {
            throw new ArgumentException(
                $"vector of '{record.Key}' has {record.Vector.Length} dimensions; the space has {space.Dimensions}", nameof(record));
        }

        foreach (var value in record.Vector.Span)
        {
            if (!float.IsFinite(value))
            {
                throw new ArgumentException($"vector of '{record.Key}' holds a non-finite value", nameof(record));
            }
        }
    }

    private long ParseToken(string token) =>
        long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            ? length
            : throw new ReembedException(ErrorKind.Fatal,
                $"target {_options.Path}: resume token '{token}' is not a file length; the saved job state does not match this target");

    private ReembedException CannotWrite(string reason, Exception? inner = null) =>
        new(ErrorKind.Fatal, $"cannot write target {_options.Path}: {reason}", inner) { Subject = _options.Path };

    private readonly record struct Entry(string ContentHash, long Offset, int Length);
}
