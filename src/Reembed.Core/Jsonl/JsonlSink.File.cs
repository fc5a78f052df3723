namespace Reembed.Jsonl;

/// <summary>Opening, scanning, truncating and compacting the target file.</summary>
internal sealed partial class JsonlSink
{
    public override async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        var stream = RequireOpen();
        if (!_hasDuplicates)
        {
            return;
        }

        // Write the compacted copy beside the file and move it over, so that a crash leaves
        // either the old file or the new one, never a mix.
        var path = _options.Path;
        var temp = path + ".compacting";
        var compacted = new Dictionary<string, Entry>(_index.Count, StringComparer.Ordinal);
        try
        {
            await using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                var line = new byte[4096];
                foreach (var key in _order)
                {
                    var entry = _index[key];
                    if (line.Length <= entry.Length)
                    {
                        line = new byte[entry.Length * 2];
                    }

                    await ReadExactlyAsync(stream, line.AsMemory(0, entry.Length), entry.Offset, cancellationToken);
                    line[entry.Length] = (byte)'\n';
                    compacted[key] = entry with { Offset = output.Position };
                    await output.WriteAsync(line.AsMemory(0, entry.Length + 1), cancellationToken);
                }

                await output.FlushAsync(cancellationToken);
                output.Flush(flushToDisk: true);
            }

            await stream.DisposeAsync();
            _stream = null;
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite($"compaction failed: {exception.Message}", exception);
        }
        finally
        {
            File.Delete(temp);
        }

        _stream = OpenFile();
        _stream.Position = _stream.Length;
        lock (_indexLock)
        {
            foreach (var (key, entry) in compacted)
            {
                _index[key] = entry;
            }
        }

        _hasDuplicates = false;
    }

    private FileStream OpenFile()
    {
        var path = _options.Path;
        if (Directory.Exists(path))
        {
            throw CannotWrite("the path is a directory");
        }

        try
        {
            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(exception.Message, exception);
        }
    }

    /// <summary>
    /// Drops what was written after the checkpoint. A file already shorter than the token is left
    /// alone: that is a file compacted at completion, which holds every committed vector.
    /// </summary>
    private void TruncateTo(long length)
    {
        var stream = RequireOpen();
        if (length >= stream.Length)
        {
            return;
        }

        Span<byte> previous = stackalloc byte[1];
        if (length > 0 && (RandomAccess.Read(stream.SafeFileHandle, previous, length - 1) != 1 || previous[0] != (byte)'\n'))
        {
            throw new ReembedException(ErrorKind.Fatal,
                $"target {_options.Path}: the resume token ({length} bytes) is not at a line end; the file was changed outside this job. Run with a new target, or --restart.")
            {
                Subject = _options.Path,
            };
        }

        stream.SetLength(length);
    }

    private async ValueTask ScanAsync(EmbeddingSpace space, bool readOnly, CancellationToken cancellationToken)
    {
        var stream = RequireOpen();
        stream.Position = 0;
        long? cutAt;
        await using (var reader = new JsonlLineReader(stream, leaveOpen: true))
        {
            while (await reader.ReadRecordLineAsync(cancellationToken))
            {
                if (!JsonlVectorLine.TryRead(reader.Line.Span, out var id, out var hash, out var lineSpace, out var dimensions, out var error))
                {
                    throw ReembedException.Config("target.path", $"{_options.Path} line {reader.LineNumber} is not a vector record: {error}");
                }

                if (lineSpace != space.Id)
                {
                    throw ReembedException.Config("embedder",
                        $"target {_options.Path} holds vectors of space {lineSpace}; this embedder makes space {space.Id} ({space.Description}). " +
                        "Use a new target, or delete this one to re-embed everything into it.");
                }

                if (dimensions != space.Dimensions)
                {
                    throw ReembedException.Config("embedder",
                        $"target {_options.Path} line {reader.LineNumber} holds a vector of {dimensions} dimensions; this embedder makes {space.Dimensions} ({space.Description}).");
                }

                AddToIndex(id, new Entry(hash, reader.LineOffset, reader.Line.Length));
            }

            // A crash mid-write without a checkpoint left half a line: it was never acknowledged.
            cutAt = reader.TornTailAt;
        }

        if (cutAt is { } length && !readOnly)
        {
            stream.SetLength(length);
        }

        stream.Position = stream.Length;
    }

    private static async ValueTask ReadExactlyAsync(FileStream stream, Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        while (buffer.Length > 0)
        {
            var read = await RandomAccess.ReadAsync(stream.SafeFileHandle, buffer, offset, cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException($"{stream.Name} ended before offset {offset}");
            }

            buffer = buffer[read..];
            offset += read;
        }
    }
}
