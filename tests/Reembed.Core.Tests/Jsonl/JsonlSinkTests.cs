using System.Text.Json;
using Reembed.Jsonl;

namespace Reembed.Tests.Jsonl;

public sealed class JsonlSinkTests : IDisposable
{
    private static readonly EmbeddingSpace Space = new("hashing", "hashing-v1", 3, normalized: true);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task WriteAsync_OneRecord_WritesTheDesignLineFormat()
    {
        var path = _directory.File("out.jsonl");
        await using (var sink = await OpenAsync(path))
        {
            await sink.WriteAsync([Record("a", "h1", 1f, 0.5f, -2f)]);
        }

        var line = Assert.Single(File.ReadAllLines(path));
        Assert.Equal($"{{\"id\":\"a\",\"vector\":[1,0.5,-2],\"content_hash\":\"h1\",\"space\":\"{Space.Id}\"}}", line);
    }

    [Fact]
    public async Task WriteAsync_ArbitraryFloats_ReadBackBitIdentical()
    {
        var space = new EmbeddingSpace("test", "m", 64, normalized: false);
        var random = new Random(1234);
        var vector = new float[64];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = BitConverter.Int32BitsToSingle(random.Next()) * (random.Next(2) == 0 ? 1 : -1);
        }

        vector[0] = -0f;
        vector[1] = float.Epsilon;
        vector[2] = float.MaxValue;
        vector[3] = 0.1f;
        for (var i = 4; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                vector[i] = 1f / i;
            }
        }

        var path = _directory.File("out.jsonl");
        await using (var sink = await OpenAsync(path, space))
        {
            await sink.WriteAsync([new VectorRecord("a", vector, "h")]);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var read = document.RootElement.GetProperty("vector").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        Assert.Equal(vector.Select(BitConverter.SingleToInt32Bits), read.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public async Task WriteAsync_ReturnsTheFileLengthAsToken()
    {
        var path = _directory.File("out.jsonl");
        await using var sink = await OpenAsync(path);

        var token = await sink.WriteAsync([Record("a", "h1"), Record("b", "h2")]);

        Assert.Equal(new FileInfo(path).Length.ToString(System.Globalization.CultureInfo.InvariantCulture), token);
    }

    [Fact]
    public async Task OpenAsync_WithToken_TruncatesWhatWasWrittenAfterIt()
    {
        var path = _directory.File("out.jsonl");
        string? token;
        await using (var sink = await OpenAsync(path))
        {
            token = await sink.WriteAsync([Record("a", "h1")]);
            await sink.WriteAsync([Record("b", "h2")]);
        }

        await using (var sink = await OpenAsync(path, resumeToken: token))
        {
            var found = await LookupAsync(sink, "a", "b");
            Assert.Equal(new Dictionary<string, string> { ["a"] = "h1" }, found);
        }

        Assert.Single(File.ReadAllLines(path));
    }

    [Fact]
    public async Task OpenAsync_TokenNotAtLineEnd_ThrowsFatal()
    {
        var path = _directory.File("out.jsonl");
        await using (var sink = await OpenAsync(path))
        {
            await sink.WriteAsync([Record("a", "h1"), Record("b", "h2")]);
        }

        var exception = await Assert.ThrowsAsync<ReembedException>(() => OpenAsync(path, resumeToken: "5").AsTask());

        Assert.Equal(ErrorKind.Fatal, exception.Kind);
        Assert.Equal(2, File.ReadAllLines(path).Length);
    }

    [Fact]
    public async Task OpenAsync_PartialLastLine_IsCutOff()
    {
        var path = _directory.File("out.jsonl");
        await using (var sink = await OpenAsync(path))
        {
            await sink.WriteAsync([Record("a", "h1")]);
        }

        var complete = File.ReadAllText(path);
        File.AppendAllText(path, "{\"id\":\"b\",\"vec");

        await using (var sink = await OpenAsync(path))
        {
            Assert.Equal(["a"], (await LookupAsync(sink, "a", "b")).Keys);
            await sink.WriteAsync([Record("c", "h3")]);
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal(complete.TrimEnd('\n'), lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"id\":\"c\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookupAsync_AfterReopen_LaterLinesWin()
    {
        var path = _directory.File("out.jsonl");
        await using (var sink = await OpenAsync(path))
        {
            await sink.WriteAsync([Record("a", "old"), Record("b", "hb")]);
            await sink.WriteAsync([Record("a", "new")]);
        }

        await using var reopened = await OpenAsync(path);

        var found = await LookupAsync(reopened, "a", "b", "zz");
        Assert.Equal(new Dictionary<string, string> { ["a"] = "new", ["b"] = "hb" }, found);
    }

    [Fact]
    public async Task OpenAsync_TargetOfAnotherSpace_ThrowsConfigNamingBothSpaces()
    {
        var path = _directory.File("out.jsonl");
        var other = new EmbeddingSpace("hashing", "hashing-v1", 3, normalized: false);
        await using (var sink = await OpenAsync(path, other))
        {
            await sink.WriteAsync([Record("a", "h1")]);
        }

        var exception = await Assert.ThrowsAsync<ReembedException>(() => OpenAsync(path).AsTask());

        Assert.Equal(ErrorKind.Config, exception.Kind);
        Assert.Equal("embedder", exception.Subject);
        Assert.Contains(other.Id, exception.Message, StringComparison.Ordinal);
        Assert.Contains($"{Space.Id} ({Space.Description})", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_VectorOfWrongLength_ThrowsConfig()
    {
        var path = _directory.File("out.jsonl");
        File.WriteAllText(path, $"{{\"id\":\"a\",\"vector\":[1,2],\"content_hash\":\"h\",\"space\":\"{Space.Id}\"}}\n");

        var exception = await Assert.ThrowsAsync<ReembedException>(() => OpenAsync(path).AsTask());

        Assert.Equal(ErrorKind.Config, exception.Kind);
        Assert.Contains("2 dimensions", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_LineThatIsNotAVectorRecord_ThrowsConfigNamingTheLine()
    {
        var path = _directory.File("out.jsonl");
        File.WriteAllText(path, "\n{\"id\":\"a\"}\n");

        var exception = await Assert.ThrowsAsync<ReembedException>(() => OpenAsync(path).AsTask());

        Assert.Equal("target.path", exception.Subject);
        Assert.Contains("line 2", exception.Message, StringComparison.Ordinal);
    }

    private static VectorRecord Record(string key, string hash, params float[] vector) =>
        new(key, vector.Length == 0 ? new[] { 0.25f, 0.5f, 1f } : vector, hash);

    private static async ValueTask<VectorSink> OpenAsync(string path, EmbeddingSpace? space = null, string? resumeToken = null)
    {
        var sink = JsonlStores.CreateSink(new JsonlSinkOptions { Path = path });
        await sink.OpenAsync(space ?? Space, resumeToken);
        return sink;
    }

    private static async Task<Dictionary<string, string>> LookupAsync(VectorSink sink, params string[] keys)
    {
        var found = new Dictionary<string, string>();
        await sink.LookupAsync(keys, found);
        return found;
    }
}
