using System.Globalization;
using NpgsqlTypes;

namespace Reembed.Postgres.Source;

/// <summary>
/// Encodes an id with its kind (<c>i:123</c>, <c>u:0f…</c>, <c>s:abc</c>), so that a resumed read
/// binds it with the column's own type and comparison. <c>n:</c> is the position just after the
/// report of NULL ids, which the first shard yields before any id.
/// </summary>
internal static class PgCursor
{
    public const string AfterNullIds = "n:";

    /// <summary>The kind of an id column from its type name as the server reports it; null when it cannot be paged.</summary>
    public static PgIdKind? KindOf(string dataTypeName) => dataTypeName switch
    {
        "bigint" or "integer" or "smallint" => PgIdKind.Integer,
        "uuid" => PgIdKind.Uuid,
        "text" => PgIdKind.Text,
        _ when dataTypeName.StartsWith("character varying", StringComparison.Ordinal) => PgIdKind.Text,
        _ => null,
    };

    public static NpgsqlDbType DbType(PgIdKind kind) => kind switch
    {
        PgIdKind.Integer => NpgsqlDbType.Bigint,
        PgIdKind.Uuid => NpgsqlDbType.Uuid,
        _ => NpgsqlDbType.Text,
    };

    public static string Encode(object id) => id switch
    {
        long or int or short => "i:" + ToKey(id),
        Guid => "u:" + ToKey(id),
        string value => "s:" + value,
        _ => throw new ArgumentException($"unsupported id type {id.GetType().Name}", nameof(id)),
    };

    /// <summary>The id as a record key, the same text PostgreSQL's <c>id::text</c> gives.</summary>
    public static string ToKey(object id) => id switch
    {
        long value => value.ToString(CultureInfo.InvariantCulture),
        int value => value.ToString(CultureInfo.InvariantCulture),
        short value => value.ToString(CultureInfo.InvariantCulture),
        Guid value => value.ToString("D"),
        string value => value,
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
                case 'u' when Guid.TryParseExact(body, "D", out var uuid):
                    return uuid;
                case 's':
                    return body;
            }
        }

        throw new ReembedException(ErrorKind.Fatal, $"corrupt postgres source cursor '{cursor}' in the job state");
    }

    /// <summary>A record key as a value of the id column's kind; null when no id of that kind has this key.</summary>
    public static object? ParseKey(string key, PgIdKind kind) => kind switch
    {
        PgIdKind.Integer => long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            && integer.ToString(CultureInfo.InvariantCulture) == key ? integer : null,
        PgIdKind.Uuid => Guid.TryParseExact(key, "D", out var uuid) && uuid.ToString("D") == key ? uuid : null,
        _ => key,
    };
}
