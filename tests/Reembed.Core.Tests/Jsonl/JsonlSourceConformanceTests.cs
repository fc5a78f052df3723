using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reembed.Jsonl;
using Reembed.Testing;

namespace Reembed.Tests.Jsonl;

/// <summary>
/// The jsonl source over a file of one line per row, with blank lines and CRLF endings between them; an
/// unreadable row is a line that is not JSON.
/// </summary>
public abstract class JsonlSourceConformanceTests : RecordSourceConformanceTests, IDisposable
{
    // Unicode is written as is, not \u-escaped, so that lines hold multi-byte UTF-8.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TempDirectory _directory = new();
    private int _files;

    protected override bool CanStoreUnreadable => true;

    /// <summary>True to gzip the file (the source detects it by its magic bytes).</summary>
    protected abstract bool Gzip { get; }

    public void Dispose() => _directory.Dispose();

    protected override async Task<Func<RecordSource>> CreateStoreAsync(IReadOnlyList<SourceRow> rows)
    {
        var text = new StringBuilder();
        for (var i = 0; i < rows.Count; i++)
        {
            text.Append(rows[i].Unreadable
                ? """{"id": "broken", "title": """
                : JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = rows[i].Id, ["title"] = rows[i].Title, ["body"] = rows[i].Body }, Json));

            // Blank lines count as lines and CRLF ends some: cursors are physical line numbers all the same.
            text.Append(i % 2 == 0 ? "\n" : "\r\n");
            if (i % 3 == 0)
            {
                text.Append(i % 2 == 0 ? "\n  \n" : "\r\n");
            }
        }

        var path = _directory.File($"source-{++_files}.jsonl");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        await using (var file = File.Create(path))
        {
            if (Gzip)
            {
                await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
                await gzip.WriteAsync(bytes);
            }
            else
            {
                await file.WriteAsync(bytes);
            }
        }

        return () => Create(path);
    }

    protected override Task<IReadOnlyList<MissingSource>> CreateMissingSourcesAsync()
    {
        var absent = _directory.File("absent/docs.jsonl");
        var folder = _directory.File("a-folder.jsonl");
        Directory.CreateDirectory(folder);
        return Task.FromResult<IReadOnlyList<MissingSource>>(
        [
            new(Create(absent), "source.path", absent),
            new(Create(folder), "source.path", folder),
        ]);
    }

    private static RecordSource Create(string path) =>
        JsonlStores.CreateSource(new JsonlSourceOptions { Path = path, Text = Template });
}
