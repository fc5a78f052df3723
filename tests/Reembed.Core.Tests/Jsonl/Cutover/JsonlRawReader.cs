using System.Text.Json;
using Reembed.Testing;

namespace Reembed.Tests.Jsonl.Cutover;

/// <summary>Reads a jsonl target file with a plain JSON parser, as a user of the target would.</summary>
internal static class JsonlRawReader
{
    public static async Task<IReadOnlyDictionary<string, StoredRow>?> ReadAsync(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var held = new Dictionary<string, StoredRow>(StringComparer.Ordinal);
        foreach (var line in await File.ReadAllLinesAsync(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var vector = root.GetProperty("vector").EnumerateArray().Select(static v => v.GetSingle()).ToArray();
            held[root.GetProperty("id").GetString()!] =
                new StoredRow(vector, root.GetProperty("content_hash").GetString()!, root.GetProperty("space").GetString()!);
        }

        return held;
    }
}
