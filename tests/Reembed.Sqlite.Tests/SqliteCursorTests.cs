using Reembed.Sqlite;

namespace Reembed.Tests;

public sealed class SqliteCursorTests
{
    public static TheoryData<object> Ids => new()
    {
        0L, long.MinValue, long.MaxValue, 0.1 + 0.2, -1e300, double.PositiveInfinity, "", "a:b", "é\n", new byte[] { 0, 1, 0xab },
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void Decode_EncodedId_RoundTripsValueAndType(object id)
    {
        var decoded = SqliteCursor.Decode(SqliteCursor.Encode(id));

        Assert.IsType(id.GetType(), decoded);
        Assert.Equal(id, decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x:1")]
    [InlineData("i:1.5")]
    [InlineData("b:abc")]
    [InlineData("n:x")]
    public void Decode_CorruptCursor_ThrowsFatal(string cursor)
    {
        var error = Assert.Throws<ReembedException>(() =>
            SqliteCursor.TryDecodeNullId(cursor, out _) ? null : SqliteCursor.Decode(cursor));

        Assert.Equal(ErrorKind.Fatal, error.Kind);
    }
}
