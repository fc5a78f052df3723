using Reembed.Postgres.Cutover;
using Reembed.Postgres.Sink;

namespace Reembed.Postgres.Tests;

public sealed class PgShadowNamesTests
{
    private const string Space = "0123456789abcdef";

    [Fact]
    public void Shadow_ShortLiveName_LiveMarkerAndSpace()
    {
        Assert.Equal("docs__reembed_0123456789abcdef", PgShadowNames.Shadow("docs", Space));
    }

    [Fact]
    public void Shadow_LiveNameAtTheLimit_KeptWhole()
    {
        var live = new string('a', 37);

        var shadow = PgShadowNames.Shadow(live, Space);

        Assert.Equal(63, shadow.Length);
        Assert.StartsWith(live + "__reembed_", shadow, StringComparison.Ordinal);
    }

    [Fact]
    public void Shadow_LongLiveNames_ShortenedDeterministicallyAndDistinct()
    {
        var first = new string('a', 50) + "_one";
        var second = new string('a', 50) + "_two";

        var shadow = PgShadowNames.Shadow(first, Space);

        Assert.Equal(63, shadow.Length);
        Assert.Equal(shadow, PgShadowNames.Shadow(first, Space));
        Assert.NotEqual(shadow, PgShadowNames.Shadow(second, Space));
        Assert.StartsWith(PgShadowNames.Prefix(first), shadow, StringComparison.Ordinal);
        Assert.EndsWith("__reembed_" + Space, shadow, StringComparison.Ordinal);
        Assert.StartsWith(new string('a', 28) + "_", shadow, StringComparison.Ordinal);
    }

    [Fact]
    public void Shadow_SpaceIdNotPlain_HashedToAPlainName()
    {
        var shadow = PgShadowNames.Shadow("docs", "model b/v2");

        Assert.Matches("^docs__reembed_[0-9a-f]{16}$", shadow);
        Assert.NotEqual(shadow, PgShadowNames.Shadow("docs", "model b/v3"));
    }

    [Fact]
    public void Pkey_LongTable_ClippedLikePostgres()
    {
        Assert.Equal("docs_pkey", PgShadowNames.Pkey("docs"));
        Assert.Equal(new string('x', 58) + "_pkey", PgShadowNames.Pkey(new string('x', 63)));
    }

    [Fact]
    public void Rename_DerivedNames_FollowTheTable()
    {
        var shadow = PgShadowNames.Shadow("docs", Space);

        Assert.Equal("docs_pkey", PgShadowNames.Rename(shadow + "_pkey", shadow, "docs", "embedding"));
        Assert.Equal("docs_embedding_hnsw", PgShadowNames.Rename(PgIndexSpec.NameFor(shadow, "embedding", "hnsw"), shadow, "docs", "embedding"));
        Assert.Equal(shadow + "_created_idx", PgShadowNames.Rename("docs_created_idx", "docs", shadow, "embedding"));
        Assert.Null(PgShadowNames.Rename("by_hash", "docs", shadow, "embedding"));
    }

    [Fact]
    public void Rename_LongerNameOverTheLimit_ShortenedWithHash()
    {
        var live = new string('d', 37);
        var shadow = PgShadowNames.Shadow(live, Space);

        var renamed = PgShadowNames.Rename(live + "_some_long_user_index_name", live, shadow, "embedding");

        Assert.NotNull(renamed);
        Assert.Equal(63, renamed.Length);
        Assert.StartsWith(live + "__reembed_", renamed, StringComparison.Ordinal);
    }
}
