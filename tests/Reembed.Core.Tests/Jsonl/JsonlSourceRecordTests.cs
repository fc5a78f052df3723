namespace Reembed.Tests.Jsonl;

public sealed class JsonlSourceRecordTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task ReadAsync_EachFailureClass_NamesItsLine()
    {
        const string content = """
            {"id":"ok","text":"fine"}
            {"id":"x", broken
            [1,2,3]
            {"text":"no id"}
            {"id":null,"text":"null id"}
            {"id":true,"text":"bool id"}
            {"id":"nf","other":"no text field"}
            {"id":"ok2","text":"fine too"}

            """;
        var path = JsonlTestFiles.WritePlain(_directory, "bad.jsonl", content);

        var records = await JsonlTestFiles.ReadAllAsync(JsonlTestFiles.CreateSource(path));

        Assert.Equal(8, records.Count);
        Assert.Null(records[0].Failure);
        AssertFailure(records[1], "line:2", 2, "read", "malformed-json");
        AssertFailure(records[2], "line:3", 3, "read", "not-an-object");
        AssertFailure(records[3], "line:4", 4, "read", "missing-id");
        Assert.Equal("line 4: no field 'id'", records[3].Failure!.Message);
        AssertFailure(records[4], "line:5", 5, "read", "missing-id");
        AssertFailure(records[5], "line:6", 6, "read", "bad-id");
        AssertFailure(records[6], "nf", 7, "compose", "missing-field");
        Assert.Equal("line 7: field 'text' is absent", records[6].Failure!.Message);
        Assert.Null(records[7].Failure);
        Assert.Equal("fine too", records[7].Text);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8_FailsTheLineWithTheByteOffset()
    {
        var path = _directory.File("bytes.jsonl");
        byte[] content = [.. "{\"id\":\"a\",\"text\":\"ok\"}\n{\"id\":\"b\",\"text\":\"ab"u8, 0xC3, 0x28, .. "\"}\n{\"id\":\"c\",\"text\":\"ok\"}\n"u8];
        File.WriteAllBytes(path, content);

        var records = await JsonlTestFiles.ReadAllAsync(JsonlTestFiles.CreateSource(path));

        Assert.Equal(3, records.Count);
        AssertFailure(records[1], "line:2", 2, "read", "invalid-utf8");
        Assert.Equal("line 2: invalid UTF-8 at byte offset 20", records[1].Failure!.Message);
        Assert.Equal("ok", records[2].Text);
    }

    [Fact]
    public async Task ReadAsync_MalformedJson_CarriesTheParserMessage()
    {
        var record = await JsonlTestFiles.ReadSingleAsync(_directory, "{\"id\":\"a\",}");

        Assert.Equal("malformed-json", record.Failure!.ErrorClass);
        Assert.StartsWith("line 1: ", record.Failure.Message, StringComparison.Ordinal);
        Assert.True(record.Failure.Message.Length > "line 1: ".Length);
    }

    [Fact]
    public async Task ReadAsync_CustomIdField_MissingIdNamesIt()
    {
        var record = await JsonlTestFiles.ReadSingleAsync(_directory, "{\"id\":\"a\",\"text\":\"x\"}", idField: "package");

        Assert.Equal("missing-id", record.Failure!.ErrorClass);
        Assert.Equal("line 1: no field 'package'", record.Failure.Message);
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("1.5e3", "1.5e3")]
    [InlineData("\"pkg/1\"", "pkg/1")]
    public async Task ReadAsync_StringOrNumberId_BecomesTheKey(string idJson, string expectedKey)
    {
        var record = await JsonlTestFiles.ReadSingleAsync(_directory, $"{{\"id\":{idJson},\"text\":\"x\"}}");

        Assert.Null(record.Failure);
        Assert.Equal(expectedKey, record.Key);
    }

    [Theory]
    [InlineData("{\"a\":1}")]
    [InlineData("[1]")]
    [InlineData("\"\"")]
    public async Task ReadAsync_ObjectArrayOrEmptyId_IsBadId(string idJson)
    {
        var record = await JsonlTestFiles.ReadSingleAsync(_directory, $"{{\"id\":{idJson},\"text\":\"x\"}}");

        Assert.Equal("bad-id", record.Failure!.ErrorClass);
        Assert.Equal("line:1", record.Key);
    }

    [Theory]
    [InlineData("\"plain\"", "plain")]
    [InlineData("3.25", "3.25")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("null", "")]
    [InlineData("[1, \"two\"]", "[1, \"two\"]")]
    [InlineData("{\"k\": [true]}", "{\"k\": [true]}")]
    [InlineData("\"tab\\tand \\u00e9\"", "tab\tand é")]
    public async Task ReadAsync_FieldValue_RendersAsDocumented(string valueJson, string expected)
    {
        var record = await JsonlTestFiles.ReadSingleAsync(_directory, $"{{\"id\":\"a\",\"v\":{valueJson}}}", "<{v}>");

        Assert.Null(record.Failure);
        Assert.Equal($"<{expected}>", record.Text);
    }

    [Fact]
    public async Task ReadAsync_DottedField_ReachesIntoNestedObjects()
    {
        var record = await JsonlTestFiles.ReadSingleAsync(
            _directory, "{\"id\":\"a\",\"meta\":{\"title\":\"T\",\"deep\":{\"n\":5}}}", "{meta.title}|{meta.deep.n}");

        Assert.Equal("T|5", record.Text);
    }

    [Fact]
    public async Task ReadAsync_DottedField_PrefersTheLiteralKey()
    {
        var record = await JsonlTestFiles.ReadSingleAsync(
            _directory, "{\"id\":\"a\",\"meta.title\":\"literal\",\"meta\":{\"title\":\"nested\"}}", "{meta.title}");

        Assert.Equal("literal", record.Text);
    }

    [Fact]
    public async Task ReadAsync_DottedFieldThroughANonObject_IsMissing()
    {
        var record = await JsonlTestFiles.ReadSingleAsync(_directory, "{\"id\":\"a\",\"meta\":\"flat\"}", "{meta.title}");

        Assert.Equal("missing-field", record.Failure!.ErrorClass);
        Assert.Equal("a", record.Key);
    }

    [Fact]
    public async Task ReadAsync_EmptyText_IsYieldedNotSkipped()
    {
        var record = await JsonlTestFiles.ReadSingleAsync(_directory, "{\"id\":\"a\",\"text\":\"\"}");

        Assert.Null(record.Failure);
        Assert.Equal(string.Empty, record.Text);
    }

    private static void AssertFailure(SourceRecord record, string key, int line, string stage, string errorClass)
    {
        Assert.NotNull(record.Failure);
        Assert.Equal(key, record.Key);
        Assert.Equal(line.ToString(System.Globalization.CultureInfo.InvariantCulture), record.Cursor);
        Assert.Equal($"line {line}", record.Locator);
        Assert.Equal(stage, record.Failure.Stage);
        Assert.Equal(errorClass, record.Failure.ErrorClass);
        Assert.StartsWith($"line {line}: ", record.Failure.Message, StringComparison.Ordinal);
        Assert.Null(record.Text);
    }
}
