using System.Text;

namespace Reembed.Tests.Jsonl;

public sealed class JsonlSourceTests : IDisposable
{
    private const string ThreeRecords = """
        {"id":"a","text":"alpha"}

        {"id":"b","text":"beta"}
           
        {"id":"c","text":"gamma"}

        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ReadAsync_PlainFile_YieldsRecordsWithPhysicalLineCursors()
    {
        var path = JsonlTestFiles.WritePlain(_directory, "docs.jsonl", ThreeRecords);

        var records = await JsonlTestFiles.ReadAllAsync(JsonlTestFiles.CreateSource(path));

        Assert.Equal(["a", "b", "c"], records.Select(r => r.Key));
        Assert.Equal(["alpha", "beta", "gamma"], records.Select(r => r.Text));
        Assert.Equal(["1", "3", "5"], records.Select(r => r.Cursor));
        Assert.Equal(["line 1", "line 3", "line 5"], records.Select(r => r.Locator));
        Assert.All(records, r => Assert.Null(r.Failure));
    }

    [Fact]
    public async Task ReadAsync_GzipWithPlainExtension_IsDetectedByMagicBytes()
    {
        var path = JsonlTestFiles.WriteGzip(_directory, "docs.jsonl", ThreeRecords);

        var records = await JsonlTestFiles.ReadAllAsync(JsonlTestFiles.CreateSource(path));

        Assert.Equal(["a", "b", "c"], records.Select(r => r.Key));
        Assert.Equal(["1", "3", "5"], records.Select(r => r.Cursor));
    }

    [Fact]
    public async Task ReadAsync_PlainFileWithGzExtension_IsReadAsPlain()
    {
        var path = JsonlTestFiles.WritePlain(_directory, "docs.jsonl.gz", ThreeRecords);

        var records = await JsonlTestFiles.ReadAllAsync(JsonlTestFiles.CreateSource(path));

        Assert.Equal(["a", "b", "c"], records.Select(r => r.Key));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadAsync_AfterEachCursor_YieldsExactlyTheRest(bool gzip)
    {
        var path = gzip
            ? JsonlTestFiles.WriteGzip(_directory, "docs.jsonl.gz", ThreeRecords)
            : JsonlTestFiles.WritePlain(_directory, "docs.jsonl", ThreeRecords);
        var source = JsonlTestFiles.CreateSource(path);
        var all = await JsonlTestFiles.ReadAllAsync(source);

        for (var i = 0; i < all.Count; i++)
        {
            var rest = await JsonlTestFiles.ReadAllAsync(source, all[i].Cursor);
            Assert.Equal(all.Skip(i + 1).Select(r => (r.Key, r.Cursor)), rest.Select(r => (r.Key, r.Cursor)));
        }

        Assert.Equal(["b", "c"], (await JsonlTestFiles.ReadAllAsync(source, "2")).Select(r => r.Key));
        Assert.Empty(await JsonlTestFiles.ReadAllAsync(source, "99"));
    }

    [Fact]
    public async Task ReadAsync_CrLfAndNoFinalNewline_ReadsEveryLine()
    {
        var path = JsonlTestFiles.WritePlain(_directory, "crlf.jsonl", "{\"id\":\"a\",\"text\":\"x\"}\r\n{\"id\":\"b\",\"text\":\"y\"}");
        var source = JsonlTestFiles.CreateSource(path);

        var records = await JsonlTestFiles.ReadAllAsync(source);

        Assert.Equal(["a", "b"], records.Select(r => r.Key));
        Assert.All(records, r => Assert.Null(r.Failure));
        Assert.Equal(2, await source.CountAsync());
    }

    [Fact]
    public async Task ReadAsync_Utf8ByteOrderMark_IsIgnored()
    {
        var path = _directory.File("bom.jsonl");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "{\"id\":\"a\",\"text\":\"x\"}\n"u8]);

        var record = Assert.Single(await JsonlTestFiles.ReadAllAsync(JsonlTestFiles.CreateSource(path)));

        Assert.Null(record.Failure);
        Assert.Equal("a", record.Key);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CountAsync_WithBlankLines_CountsNonBlankLines(bool gzip)
    {
        var path = gzip
            ? JsonlTestFiles.WriteGzip(_directory, "docs.jsonl.gz", ThreeRecords + "not json\n\n")
            : JsonlTestFiles.WritePlain(_directory, "docs.jsonl", ThreeRecords + "not json\n\n");

        Assert.Equal(4, await JsonlTestFiles.CreateSource(path).CountAsync());
    }

    [Fact]
    public async Task ReadAsync_LineLongerThanTheBuffer_IsReadWholeAndResumable()
    {
        var longText = new string('x', 600_000);
        var content = $"{{\"id\":\"a\",\"text\":\"{longText}\"}}\n{{\"id\":\"b\",\"text\":\"short\"}}\n";
        var path = JsonlTestFiles.WritePlain(_directory, "long.jsonl", content);
        var source = JsonlTestFiles.CreateSource(path);

        var records = await JsonlTestFiles.ReadAllAsync(source);
        var rest = await JsonlTestFiles.ReadAllAsync(source, "1");

        Assert.Equal(longText, records[0].Text);
        Assert.Equal("short", records[1].Text);
        Assert.Equal("b", Assert.Single(rest).Key);
    }

    [Fact]
    public async Task ReadAsync_ManyRecords_ResumesInTheMiddle()
    {
        var builder = new StringBuilder();
        for (var i = 1; i <= 20_000; i++)
        {
            builder.Append("{\"id\":").Append(i).Append(",\"text\":\"record ").Append(i).Append("\"}\n");
        }

        var path = JsonlTestFiles.WriteGzip(_directory, "many.jsonl.gz", builder.ToString());
        var source = JsonlTestFiles.CreateSource(path);

        var rest = await JsonlTestFiles.ReadAllAsync(source, "12345");

        Assert.Equal(20_000 - 12_345, rest.Count);
        Assert.Equal("12346", rest[0].Key);
        Assert.Equal("12346", rest[0].Cursor);
        Assert.Equal("record 20000", rest[^1].Text);
        Assert.Equal(20_000, await source.CountAsync());
    }

    [Fact]
    public async Task GetShardsAsync_File_IsOneShardNamedZero()
    {
        var path = JsonlTestFiles.WritePlain(_directory, "docs.jsonl", ThreeRecords);

        var shards = await JsonlTestFiles.CreateSource(path).GetShardsAsync();

        Assert.Equal(new ShardInfo("0", path), Assert.Single(shards));
    }

    [Fact]
    public async Task OpenAsync_MissingFile_ThrowsConfigErrorNamingSourcePath()
    {
        var path = _directory.File("absent.jsonl");

        var exception = await Assert.ThrowsAsync<ReembedException>(() => JsonlTestFiles.CreateSource(path).OpenAsync().AsTask());

        Assert.Equal(ErrorKind.Config, exception.Kind);
        Assert.Equal("source.path", exception.Subject);
        Assert.Equal($"source.path: file not found: {path}", exception.Message);
    }

    [Fact]
    public async Task OpenAsync_Directory_ThrowsConfigErrorSayingSo()
    {
        var exception = await Assert.ThrowsAsync<ReembedException>(
            () => JsonlTestFiles.CreateSource(_directory.Path).OpenAsync().AsTask());

        Assert.Equal(ErrorKind.Config, exception.Kind);
        Assert.Contains("is a directory", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_DamagedGzip_ThrowsConfigErrorNamingSourcePath()
    {
        var path = _directory.File("damaged.jsonl.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x03, 0xff, 0xff, 0xff, 0xff]);

        var exception = await Assert.ThrowsAsync<ReembedException>(() => JsonlTestFiles.ReadAllAsync(JsonlTestFiles.CreateSource(path)));

        Assert.Equal(ErrorKind.Config, exception.Kind);
        Assert.Equal("source.path", exception.Subject);
    }

    [Fact]
    public void CreateSource_RelativePath_ThrowsConfigError()
    {
        var exception = Assert.Throws<ReembedException>(() => JsonlTestFiles.CreateSource("data/docs.jsonl"));

        Assert.Equal("source.path", exception.Subject);
    }

    [Fact]
    public async Task ReadAsync_SixtyFourThousandRecords_ReadsEveryRecordQuickly()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 64_000; i++)
        {
            builder.Append("{\"id\":\"pkg-").Append(i).Append("\",\"section\":\"utils\",\"summary\":\"summary ").Append(i)
                .Append("\",\"description\":\"").Append('d', 400).Append("\"}\n");
        }

        var path = JsonlTestFiles.WriteGzip(_directory, "big.jsonl.gz", builder.ToString());
        var source = JsonlTestFiles.CreateSource(path, "{summary}\n\n{description}");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var records = await JsonlTestFiles.ReadAllAsync(source);

        // Generous for a busy CI machine; it takes a fraction of this.
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Equal(64_000, records.Count);
        Assert.All(records, r => Assert.Null(r.Failure));
        Assert.Equal("summary 63999\n\n" + new string('d', 400), records[^1].Text);
    }
}
