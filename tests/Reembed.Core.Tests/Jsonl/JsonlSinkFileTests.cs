using System.Text.Json;
using Reembed.Jsonl;

namespace Reembed.Tests.Jsonl;

public sealed class JsonlSinkFileTests : IDisposable
{
    private static readonly EmbeddingSpace Space = new("hashing", "hashing-v1", 2, normalized: true);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task CompleteAsync_DuplicateKeys_KeepsLastLinePerKeyInFirstAppearanceOrder()
    {
        var path = _directory.File("out.jsonl");
        await using (var sink = await OpenAsync(path))
        {
            await sink.WriteAsync([Record("a", "a1", 1), Record("b", "b1", 2), Record("c", "c1", 3)]);
            await sink.WriteAsync([Record("b", "b2", 4), Record("a", "a2", 5)]);
            await sink.CompleteAsync();

            Assert.Equal([("a", "a2", 5f), ("b", "b2", 4f), ("c", "c1", 3f)], ReadLines(path));

            // The sink stays usable after compaction, with offsets that match the new file.
            await sink.WriteAsync([Record("c", "c2", 6)]);
            await sink.CompleteAsync();
        }

        Assert.Equal([("a", "a2", 5f), ("b", "b2", 4f), ("c", "c2", 6f)], ReadLines(path));
        Assert.False(File.Exists(path + ".compacting"));
    }

    [Fact]
    public async Task CompleteAsync_NoDuplicates_LeavesTheFileAsIs()
    {
        var path = _directory.File("out.jsonl");
        await using var sink = await OpenAsync(path);
        await sink.WriteAsync([Record("a", "a1", 1), Record("b", "b1", 2)]);
        var before = File.GetLastWriteTimeUtc(path);
        var content = File.ReadAllText(path);

        await sink.CompleteAsync();

        Assert.Equal(content, File.ReadAllText(path));
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task CompleteAsync_DuplicatesFromAnEarlierRun_AreCompacted()
    {
        var path = _directory.File("out.jsonl");
        await using (var sink = await OpenAsync(path))
        {
            await sink.WriteAsync([Record("a", "a1", 1)]);
            await sink.WriteAsync([Record("a", "a2", 2)]);
        }

        await using (var sink = await OpenAsync(path))
        {
            await sink.CompleteAsync();
        }

        Assert.Equal([("a", "a2", 2f)], ReadLines(path));
    }

    [Fact]
    public async Task OpenAsync_TokenLongerThanACompactedFile_KeepsTheFile()
    {
        var path = _directory.File("out.jsonl");
        string? token;
        await using (var sink = await OpenAsync(path))
        {
            await sink.WriteAsync([Record("a", "a1", 1)]);
            token = await sink.WriteAsync([Record("a", "a2", 2)]);
            await sink.CompleteAsync();
        }

        await using (var sink = await OpenAsync(path, token))
        {
            var found = new Dictionary<string, string>();
            await sink.LookupAsync(["a"], found);
            Assert.Equal("a2", found["a"]);
        }

        Assert.Equal([("a", "a2", 2f)], ReadLines(path));
    }

    [Fact]
    public async Task OpenAsync_MissingDirectory_IsCreated()
    {
        var path = Path.Combine(_directory.Path, "nested", "deeper", "out.jsonl");

        await using var sink = await OpenAsync(path);
        await sink.WriteAsync([Record("a", "a1", 1)]);

        Assert.Single(File.ReadAllLines(path));
    }

    [Fact]
    public async Task OpenAsync_DirectoryCannotBeCreated_ThrowsFatalNamingThePath()
    {
        var blocker = _directory.File("blocker");
        File.WriteAllText(blocker, "a file, not a directory");
        var path = Path.Combine(blocker, "out.jsonl");

        var exception = await Assert.ThrowsAsync<ReembedException>(() => OpenAsync(path).AsTask());

        Assert.Equal(ErrorKind.Fatal, exception.Kind);
        Assert.StartsWith($"cannot write target {path}: ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_PathIsADirectory_ThrowsFatal()
    {
        var exception = await Assert.ThrowsAsync<ReembedException>(() => OpenAsync(_directory.Path).AsTask());

        Assert.Equal(ErrorKind.Fatal, exception.Kind);
        Assert.Contains("directory", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateSink_RelativePath_ThrowsConfigError()
    {
        var exception = Assert.Throws<ReembedException>(
            () => JsonlStores.CreateSink(new JsonlSinkOptions { Path = "out/vectors.jsonl" }));

        Assert.Equal("target.path", exception.Subject);
    }

    [Fact]
    public async Task WriteAsync_BeforeOpen_Throws()
    {
        await using var sink = JsonlStores.CreateSink(new JsonlSinkOptions { Path = _directory.File("out.jsonl") });

        await Assert.ThrowsAsync<InvalidOperationException>(() => sink.WriteAsync([Record("a", "h", 1)]).AsTask());
    }

    [Fact]
    public async Task WriteAsync_NonFiniteOrWrongLengthVector_ThrowsAndWritesNothing()
    {
        var path = _directory.File("out.jsonl");
        await using var sink = await OpenAsync(path);

        await Assert.ThrowsAsync<ArgumentException>(
            () => sink.WriteAsync([Record("a", "h", 1), Record("b", "h", float.NaN)]).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(
            () => sink.WriteAsync([new VectorRecord("c", new[] { 1f, 2f, 3f }, "h")]).AsTask());

        Assert.Equal(0, new FileInfo(path).Length);
    }

    private static VectorRecord Record(string key, string hash, float first) => new(key, new[] { first, 0.5f }, hash);

    private static List<(string Id, string Hash, float First)> ReadLines(string path) =>
        [.. File.ReadAllLines(path).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return (root.GetProperty("id").GetString()!, root.GetProperty("content_hash").GetString()!,
                root.GetProperty("vector")[0].GetSingle());
        })];

    private static async ValueTask<VectorSink> OpenAsync(string path, string? resumeToken = null)
    {
        var sink = JsonlStores.CreateSink(new JsonlSinkOptions { Path = path });
        await sink.OpenAsync(Space, resumeToken);
        return sink;
    }
}
