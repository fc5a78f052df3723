using System.Text.Json;
using Reembed.Jsonl;
using Reembed.Testing;

namespace Reembed.Tests.Jsonl;

/// <summary>The jsonl target: an append-only file whose resume token is its length, so reopening with an earlier token drops later lines.</summary>
public sealed class JsonlSinkConformanceTests : VectorSinkConformanceTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override bool ReturnsResumeTokens => true;

    protected override bool RollsBackToResumeToken => true;

    public void Dispose() => _directory.Dispose();

    protected override VectorSink CreateSink() => JsonlStores.CreateSink(new JsonlSinkOptions { Path = _directory.File("out/vectors.jsonl") });

    protected override async Task<IReadOnlyDictionary<string, StoredRow>> ReadBackAsync()
    {
        var held = new Dictionary<string, StoredRow>(StringComparer.Ordinal);
        var path = _directory.File("out/vectors.jsonl");
        if (!File.Exists(path))
        {
            return held;
        }

        // The sink holds the file open for writing; a later line of a key supersedes an earlier one.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var text = new StreamReader(stream);
        while (await text.ReadLineAsync() is { } line)
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
