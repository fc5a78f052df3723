namespace Reembed.Tests.Verification;

public sealed class GoldenQueriesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "reembed-tests-" + Guid.NewGuid().ToString("N"));

    public GoldenQueriesTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task LoadAsync_ValidLinesAndBlankLines_ReadsEveryQuery()
    {
        var path = Write(
            """{"query": "image editor", "expected": ["gimp", "krita"], "note": "ignored"}""",
            "",
            "   ",
            """{"query": "web browser", "expected": ["firefox-esr"]}""");

        var queries = await GoldenQueries.LoadAsync(path);

        Assert.Equal(2, queries.Count);
        Assert.Equal("image editor", queries[0].Query);
        Assert.Equal(["gimp", "krita"], queries[0].Expected);
        Assert.Equal(["firefox-esr"], queries[1].Expected);
    }

    [Theory]
    [InlineData("""{"query": "x", "expected": ["a"]""", "not valid JSON")]
    [InlineData("""["x"]""", "expected a JSON object")]
    [InlineData("""{"expected": ["a"]}""", "\"query\" is missing")]
    [InlineData("""{"query": "  ", "expected": ["a"]}""", "\"query\" is empty")]
    [InlineData("""{"query": "x"}""", "\"expected\" is missing")]
    [InlineData("""{"query": "x", "expected": []}""", "\"expected\" is empty")]
    [InlineData("""{"query": "x", "expected": ["a", 7]}""", "\"expected\"[1] is not a non-empty string id")]
    [InlineData("""{"query": "x", "expected": "a"}""", "not an array")]
    public async Task LoadAsync_BadLine_ConfigErrorNamingPathAndLine(string bad, string what)
    {
        var path = Write("""{"query": "ok", "expected": ["a"]}""", "", bad);

        var error = await Assert.ThrowsAsync<ReembedException>(() => GoldenQueries.LoadAsync(path));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal("verify.goldenQueries", error.Subject);
        Assert.Contains($"{path} line 3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_NoSuchFile_ConfigErrorNamingThePath()
    {
        var path = Path.Combine(_dir, "absent.jsonl");

        var error = await Assert.ThrowsAsync<ReembedException>(() => GoldenQueries.LoadAsync(path));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_dir, "golden.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }
}
