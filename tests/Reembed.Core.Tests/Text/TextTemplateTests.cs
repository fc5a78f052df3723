namespace Reembed.Tests.Text;

public sealed class TextTemplateTests
{
    private static readonly Dictionary<string, string> Record = new()
    {
        ["summary"] = "A tool",
        ["description"] = "It does things.",
        ["meta.title"] = "Title",
    };

    [Fact]
    public void Parse_TwoFields_ListsFieldsInOrder()
    {
        var template = TextTemplate.Parse("{summary}\n\n{description}", "source.text");

        Assert.Equal(["summary", "description"], template.Fields);
        Assert.Equal("{summary}\n\n{description}", template.Source);
    }

    [Fact]
    public void Parse_RepeatedField_ListsItOnce()
    {
        var template = TextTemplate.Parse("{a} {b} {a}", "source.text");

        Assert.Equal(["a", "b"], template.Fields);
    }

    [Fact]
    public void Parse_DottedName_KeepsItWhole()
    {
        var template = TextTemplate.Parse("{meta.title}", "source.text");

        Assert.Equal(["meta.title"], template.Fields);
    }

    [Fact]
    public void TryRender_EscapedBraces_RenderLiteralBraces()
    {
        var template = TextTemplate.Parse("{{x}} {summary} }}{{", "source.text");

        Assert.True(template.TryRender(Lookup, out var text, out _));
        Assert.Equal("{x} A tool }{", text);
        Assert.Equal(["summary"], template.Fields);
    }

    [Theory]
    [InlineData("abc {summary", "unclosed '{' at character 5")]
    [InlineData("{a{b}", "unclosed '{' at character 1")]
    [InlineData("abc } def", "lone '}' at character 5")]
    [InlineData("x{}", "empty placeholder '{}' at character 2")]
    public void Parse_Malformed_ThrowsConfigErrorWithKeyAndPosition(string source, string expected)
    {
        var exception = Assert.Throws<ReembedException>(() => TextTemplate.Parse(source, "source.text"));

        Assert.Equal(ErrorKind.Config, exception.Kind);
        Assert.Equal("source.text", exception.Subject);
        Assert.StartsWith("source.text: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRender_AllFieldsPresent_ConcatenatesLiteralsAndValues()
    {
        var template = TextTemplate.Parse("{summary}\n\n{description} [{meta.title}]", "source.text");

        Assert.True(template.TryRender(Lookup, out var text, out var missing));
        Assert.Equal("A tool\n\nIt does things. [Title]", text);
        Assert.Null(missing);
    }

    [Fact]
    public void TryRender_SingleField_ReturnsTheValue()
    {
        var template = TextTemplate.Parse("{description}", "source.text");

        Assert.True(template.TryRender(Lookup, out var text, out _));
        Assert.Equal("It does things.", text);
    }

    [Fact]
    public void TryRender_NoFields_ReturnsTheLiteral()
    {
        var template = TextTemplate.Parse("just text", "source.text");

        Assert.True(template.TryRender(Lookup, out var text, out _));
        Assert.Equal("just text", text);
        Assert.Empty(template.Fields);
    }

    [Fact]
    public void TryRender_EmptyTemplate_ReturnsEmptyText()
    {
        var template = TextTemplate.Parse(string.Empty, "source.text");

        Assert.True(template.TryRender(Lookup, out var text, out _));
        Assert.Equal(string.Empty, text);
    }

    [Fact]
    public void TryRender_MissingField_ReturnsFalseWithItsName()
    {
        var template = TextTemplate.Parse("{summary} {version} {description}", "source.text");

        Assert.False(template.TryRender(Lookup, out _, out var missing));
        Assert.Equal("version", missing);
    }

    [Fact]
    public void TryRender_EmptyValue_IsNotMissing()
    {
        var template = TextTemplate.Parse("[{x}]", "source.text");

        Assert.True(template.TryRender(_ => string.Empty, out var text, out var missing));
        Assert.Equal("[]", text);
        Assert.Null(missing);
    }

    private static string? Lookup(string name) => Record.GetValueOrDefault(name);
}
