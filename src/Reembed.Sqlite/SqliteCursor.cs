using System.Globalization;

namespace Reembed.Sqlite;

/// <summary>
/// Encodes an id with its storage class (<c>i:123</c>, <c>r:1.5</c>, <c>s:abc</c>, <c>b:0a1f</c>),
/// so that a resumed read binds it with the same type and SQLite's cross-type ordering
/// (numbers &lt; text &lt; blobs) puts it exactly where it was. <c>n:42</c> marks a position among
/// the rows whose id is NULL, which are read before all others.
/// </summary>
internal static class SqliteCursor
{
    private const string NullIdPrefix = "n:";

    public static string Encode(object id) => id switch
    {
        long value => "i:" + value.ToString(CultureInfo.InvariantCulture),
        double value => "r:" + value.ToString("R", CultureInfo.InvariantCulture),
        string value => "s:" + value,
        byte[] value => "b:" + Convert.ToHexStringLower(value),
        _ => throw new ArgumentException($"unsupported id type {id.GetType().Name}", nameof(id)),
    };

    /// <summary>The id as a record key: integers and reals in invariant culture, blobs in hex.</summary>
    public static string ToKey(object id) => id switch
    {
        long value => value.ToString(CultureInfo.InvariantCulture),
        double value => value.ToString("R", CultureInfo.InvariantCulture),
        string value => value,
        byte[] value => Convert.ToHexStringLower(value),
        _ => throw new ArgumentException($"unsupported id type {id.GetType().Name}", nameof(id)),
    };

    public static object Decode(string cursor)
    {
        if (cursor.Length >= 2 && cursor[1] == ':')
        {
            var body = cursor[2..];
            switch (cursor[0])
            {
                case 'i' when long.TryParse(body, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                    return integer;
                case 'r' when double.TryParse(body, NumberStyles.Float, CultureInfo.InvariantCulture, out var real):
                    return real;
                case 's':
                    return body;
                case 'b' when body.Length % 2 == 0 && body.All(char.IsAsciiHexDigit):
                    return Convert.FromHexString(body);
            }
        }

        throw Corrupt(cursor);
    }

    public static string EncodeNullId(long position) => NullIdPrefix + position.ToString(CultureInfo.InvariantCulture);

    public static bool TryDecodeNullId(string cursor, out long position)
    {
        position = 0;
        if (!cursor.StartsWith(NullIdPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        return long.TryParse(cursor.AsSpan(NullIdPrefix.Length), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out position)
            ? true
            : throw Corrupt(cursor);
    }

    private static ReembedException Corrupt(string cursor) =>
        new(ErrorKind.Fatal, $"corrupt sqlite source cursor '{cursor}' in the job state");
}
