using System.IO.Compression;

namespace Reembed.Jsonl;

/// <summary>
/// Splits a byte stream into lines on <c>\n</c> (a trailing <c>\r</c> is dropped) without decoding
/// them. <see cref="Line"/> points into the reader's buffer and is valid until the next read.
/// </summary>
internal sealed class JsonlLineReader : IAsyncDisposable
{
    private const int InitialBufferSize = 1 << 18;

    private static ReadOnlySpan<byte> Blank => " \t\r\f\v"u8;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _eof;

    public JsonlLineReader(Stream stream, bool leaveOpen = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>1-based number of the line last read or skipped.</summary>
    public long LineNumber { get; private set; }

    public ReadOnlyMemory<byte> Line { get; private set; }

    /// <summary>Offset of <see cref="Line"/> in the (decompressed) stream.</summary>
    public long LineOffset { get; private set; }

    /// <summary>Whether <see cref="Line"/> ended with <c>\n</c>; false only for a last line cut short.</summary>
    public bool LineTerminated { get; private set; }

    /// <summary>Opens <paramref name="path"/> for reading, decompressing it when it starts with the gzip magic bytes.</summary>
    public static JsonlLineReader OpenFile(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1 << 16,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            Stream stream = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b
                ? new GZipStream(file, CompressionMode.Decompress)
                : file;
            return new JsonlLineReader(stream);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(Blank) < 0;

    /// <summary>
    /// Offset of a last line without its newline, once <see cref="ReadRecordLineAsync"/> has stopped at one: an append a
    /// crash cut short, never acknowledged (the writers fsync whole lines), which the file's owner truncates away.
    /// </summary>
    public long? TornTailAt { get; private set; }

    /// <summary>
    /// Advances to the next non-blank line that ended with its newline. Returns false at the end of the stream, or at
    /// a torn last line (then <see cref="TornTailAt"/> says where it starts).
    /// </summary>
    public async ValueTask<bool> ReadRecordLineAsync(CancellationToken cancellationToken = default)
    {
        while (await ReadLineAsync(cancellationToken))
        {
            if (!LineTerminated)
            {
                TornTailAt = LineOffset;
                return false;
            }

            if (!IsBlank(Line.Span))
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        var searchFrom = _start;
        while (true)
        {
            var index = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf((byte)'\n');
            if (index >= 0)
            {
                SetLine(searchFrom + index, terminated: true);
                return true;
            }

            if (_eof)
            {
                if (_start == _end)
                {
                    Line = ReadOnlyMemory<byte>.Empty;
                    return false;
                }

                SetLine(_end, terminated: false);
                return true;
            }

            // Only the bytes that arrive next need scanning for the newline.
            var scanned = _end - _start;
            await FillAsync(cancellationToken);
            searchFrom = _start + scanned;
        }
    }

    /// <summary>Skips up to <paramref name="count"/> lines by counting newlines; nothing is parsed.</summary>
    public async ValueTask SkipLinesAsync(long count, CancellationToken cancellationToken = default)
    {
        while (count > 0)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var newlines = span.Count((byte)'\n');
            if (newlines <= count && newlines > 0)
            {
                var last = span.LastIndexOf((byte)'\n');
                Advance(last + 1, newlines);
                count -= newlines;
            }
            else
            {
                for (; count > 0; count--)
                {
                    var index = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
                    if (index < 0)
                    {
                        break;
                    }

                    Advance(index + 1, 1);
                }
            }

            if (count == 0)
            {
                return;
            }

            if (_eof)
            {
                if (_start < _end)
                {
                    Advance(_end - _start, 1);
                }

                return;
            }

            await FillAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_leaveOpen)
        {
            await _stream.DisposeAsync();
        }
    }

    private void Advance(int bytes, long lines)
    {
        _start += bytes;
        LineNumber += lines;
    }

    private void SetLine(int end, bool terminated)
    {
        LineNumber++;
        LineOffset = _bufferOffset + _start;
        LineTerminated = terminated;
        var length = end - _start;
        if (length > 0 && _buffer[end - 1] == (byte)'\r')
        {
            length--;
        }

        Line = _buffer.AsMemory(_start, length);
        _start = terminated ? end + 1 : end;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // A line longer than the buffer: grow it, the line must be whole to be parsed.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }
}
