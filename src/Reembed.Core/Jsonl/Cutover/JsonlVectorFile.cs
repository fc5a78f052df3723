using System.Runtime.CompilerServices;

namespace Reembed.Jsonl;

/// <summary>
/// Reads a jsonl target file line by line with the target's own line format. A last line without its
/// newline is skipped: a write cut short by a crash, which the sink never acknowledged.
/// </summary>
internal static class JsonlVectorFile
{
    /// <summary>Every vector line; with <paramref name="vectors"/> false the vectors are counted, not parsed, and come back empty.</summary>
    public static async IAsyncEnumerable<StoredVector> ReadAsync(
        string path, bool vectors, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var values = vectors ? new List<float>() : null;
        await using var reader = JsonlLineReader.OpenFile(path);
        while (await reader.ReadRecordLineAsync(cancellationToken))
        {
            // The reader only sees the token when it refills its buffer, which may hold the whole file.
            cancellationToken.ThrowIfCancellationRequested();
            if (!JsonlVectorLine.TryRead(reader.Line.Span, values, out var id, out var hash, out var space, out _, out var error))
            {
                throw ReembedException.Config("target.path", $"{path} line {reader.LineNumber} is not a vector record: {error}");
            }

            yield return new StoredVector(id, values is null ? [] : [.. values], hash, space);
        }
    }

    /// <summary>The space of the first vector and the number of vectors; null when the file does not exist.</summary>
    public static async ValueTask<(string? SpaceId, long Count)?> SummarizeAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        string? space = null;
        long count = 0;
        await foreach (var vector in ReadAsync(path, vectors: false, cancellationToken))
        {
            space ??= vector.SpaceId;
            count++;
        }

        return (space, count);
    }

    /// <summary>The space of the first vector; null when the file is absent or holds none.</summary>
    public static async ValueTask<string?> FirstSpaceAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        await foreach (var vector in ReadAsync(path, vectors: false, cancellationToken))
        {
            return vector.SpaceId;
        }

        return null;
    }
}
