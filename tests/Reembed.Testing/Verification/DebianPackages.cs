using System.IO.Compression;
using System.Text.Json;

namespace Reembed.Testing.Verification;

/// <summary>The shared real test data: Debian package descriptions, as (id, summary + blank line + description).</summary>
public static class DebianPackages
{
    /// <summary><c>shared/data/debian-packages.jsonl.gz</c> beside the repository (its parent folder holds <c>shared</c>).</summary>
    public static string Path
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Reembed.slnx")))
            {
                dir = dir.Parent;
            }

            var path = System.IO.Path.Combine(dir?.Parent?.FullName ?? "/", "shared", "data", "debian-packages.jsonl.gz");
            return File.Exists(path) ? path : throw new FileNotFoundException("the shared Debian corpus is missing", path);
        }
    }

    /// <summary>The first <paramref name="count"/> records.</summary>
    public static async Task<IReadOnlyList<(string Key, string Text)>> ReadAsync(int count, CancellationToken cancellationToken = default)
    {
        var records = new List<(string, string)>(count);
        await using var file = File.OpenRead(Path);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (records.Count < count && await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var text = root.GetProperty("summary").GetString() + "\n\n" + root.GetProperty("description").GetString();
            records.Add((root.GetProperty("id").GetString()!, text));
        }

        return records;
    }
}
