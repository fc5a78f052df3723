using Reembed.Postgres.Sql;

namespace Reembed.Postgres.Tests;

public sealed class PgIdentifierTests
{
    [Fact]
    public void Quote_PlainName_QuotedKeepingCase()
    {
        Assert.Equal("\"Docs_2$\"", PgIdentifier.Quote("Docs_2$", "source.table"));
    }

    [Fact]
    public void ParseTable_SchemaQualified_QuotesEachPart()
    {
        var name = PgIdentifier.ParseTable("app.docs", "target.table");

        Assert.Equal("\"app\".\"docs\"", name.Quoted);
        Assert.Equal("app.docs", name.Display);
    }

    [Theory]
    [InlineData("docs; DROP TABLE x")]
    [InlineData("a\"b")]
    [InlineData("")]
    [InlineData("1docs")]
    [InlineData("a.b.c")]
    [InlineData(".docs")]
    [InlineData("docs.")]
    [InlineData("do cs")]
    [InlineData("docs--")]
    [InlineData("ÿdocs")]
    public void ParseTable_NotAPlainIdentifier_ConfigErrorNamingKey(string name)
    {
        var error = Assert.Throws<ReembedException>(() => PgIdentifier.ParseTable(name, "target.table"));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.StartsWith("target.table: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_LongerThanPostgresKeeps_ConfigError()
    {
        var error = Assert.Throws<ReembedException>(() => PgIdentifier.Quote(new string('a', 64), "source.id"));

        Assert.Equal("source.id", error.Subject);
        Assert.Equal("\"" + new string('a', 63) + "\"", PgIdentifier.Quote(new string('a', 63), "source.id"));
    }

    [Fact]
    public void Quote_DottedColumn_ConfigError()
    {
        var error = Assert.Throws<ReembedException>(() => PgIdentifier.Quote("a.b", "source.text"));

        Assert.Equal(ErrorKind.Config, error.Kind);
    }
}
