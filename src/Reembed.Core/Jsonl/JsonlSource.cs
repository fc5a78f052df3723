using System.Globalization;
using System.Runtime.CompilerServices;

namespace Reembed.Jsonl;

/// <summary>
/// Reads a JSON-lines file (plain or gzip) as one shard. The cursor of a record is its 1-based
/// physical line number, so resuming skips lines by counting newlines, without parsing them.
/// Blank lines count as lines but yield no record.
/// </summary>
internal sealed class JsonlSource : RecordSource
{
    private const string PathKey = "source.path";

    private readonly JsonlSourceOptions _options;

    public JsonlSource(JsonlSourceOptions options)
    {
        _options = options;
    }

    public override string Description => $"jsonl {_options.Path}";

    public override async ValueTask OpenAsync(CancellationToken cancellationToken = default)
    {
        var reader = OpenReader();
        await reader.DisposeAsync();
    }

    public override ValueTask<IReadOnlyList<ShardInfo>> GetShardsAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<ShardInfo>>([new ShardInfo("0", _options.Path)]);

    public override async IAsyncEnumerable<SourceRecord> ReadAsync(
        ShardInfo shard, string? afterCursor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shard);
        var skip = ParseCursor(afterCursor);
        var parser = new JsonlRecordParser(_options.IdField, _options.Text);
        await using var reader = OpenReader();
        await SkipAsync(reader, skip, cancellationToken);
        while (await NextLineAsync(reader, cancellationToken))
        {
            // The reader only sees the token when it refills its buffer, which may hold the whole file.
            cancellationToken.ThrowIfCancellationRequested();
            if (!JsonlLineReader.IsBlank(reader.Line.Span))
            {
                yield return parser.Parse(reader.Line, reader.LineNumber);
            }
        }
    }

    public override async ValueTask<long?> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var reader = OpenReader();
        long count = 0;
        while (await NextLineAsync(reader, cancellationToken))
        {
            if (!JsonlLineReader.IsBlank(reader.Line.Span))
            {
                count++;
            }
        }

        return count;
    }

    private long ParseCursor(string? cursor)
    {
        if (cursor is null)
        {
            return 0;
        }

        if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var line))
        {
            throw new ReembedException(ErrorKind.Fatal,
                $"jsonl source {_options.Path}: cursor '{cursor}' is not a line number; the saved job state does not match this source");
        }

        return line;
    }

    private JsonlLineReader OpenReader()
    {
        var path = _options.Path;
        if (Directory.Exists(path))
        {
            throw ReembedException.Config(PathKey, $"{path} is a directory, not a file");
        }

        try
        {
            return JsonlLineReader.OpenFile(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw ReembedException.Config(PathKey, $"file not found: {path}");
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            throw ReembedException.Config(PathKey, $"cannot read {path}: {exception.Message}");
        }
    }

    private async ValueTask SkipAsync(JsonlLineReader reader, long lines, CancellationToken cancellationToken)
    {
        try
        {
            await reader.SkipLinesAsync(lines, cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            throw CorruptGzip(exception);
        }
    }

    private async ValueTask<bool> NextLineAsync(JsonlLineReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (InvalidDataException exception)
        {
            throw CorruptGzip(exception);
        }
    }

    // Only a gzip stream throws InvalidDataException: the file is damaged, not one of its records.
    private ReembedException CorruptGzip(InvalidDataException exception) =>
        new(ErrorKind.Config, $"{PathKey}: {_options.Path} is not a readable gzip file: {exception.Message}", exception)
        {
            Subject = PathKey,
        };
}
