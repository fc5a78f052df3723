using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Reembed.Postgres.Sink;

namespace Reembed.Postgres.Cutover;

/// <summary>
/// The names cut-over gives tables and their indexes. PostgreSQL truncates a name longer than 63 bytes
/// silently, which would make two spaces' shadows one table, so long names are shortened here instead,
/// deterministically, keeping a hash of what was cut.
/// </summary>
internal static partial class PgShadowNames
{
    public const string Marker = "__reembed_";

    private const int MaxLength = 63;
    private const int SpaceLength = 16;
    private const int PkeyRoom = MaxLength - 5;

    /// <summary>
    /// The part of every shadow name before the space: <paramref name="live"/> + <see cref="Marker"/>, shortened when long.
    /// <paramref name="reserve"/> bytes are kept free for a suffix the name will carry (a shadow column's <c>_hash</c> companion).
    /// </summary>
    public static string Prefix(string live, int reserve = 0)
    {
        var room = MaxLength - reserve - Marker.Length - SpaceLength;
        var kept = live.Length <= room ? live : live[..(room - 9)] + "_" + Hash(live)[..8];
        return kept + Marker;
    }

    /// <summary>The unqualified shadow table of <paramref name="spaceId"/>; a space id that is not 1–16 plain characters is replaced by its hash.</summary>
    public static string Shadow(string live, string spaceId, int reserve = 0)
    {
        var space = SpacePattern().IsMatch(spaceId) ? spaceId : Hash(spaceId)[..SpaceLength];
        return Prefix(live, reserve) + space;
    }

    /// <summary>
    /// What an index or constraint named after table <paramref name="from"/> should be called on table <paramref name="to"/>:
    /// the primary key as PostgreSQL names it, the ANN index as the sink names it, anything else <c>&lt;from&gt;_…</c>
    /// with the table part replaced. Null for a name not derived from the table, which is left alone.
    /// </summary>
    public static string? Rename(string name, string from, string to, string vectorColumn)
    {
        if (name == Pkey(from))
        {
            return Pkey(to);
        }

        foreach (var kind in (ReadOnlySpan<string>)["hnsw", "ivfflat"])
        {
            if (name == PgIndexSpec.NameFor(from, vectorColumn, kind))
            {
                return PgIndexSpec.NameFor(to, vectorColumn, kind);
            }
        }

        return name.StartsWith(from + "_", StringComparison.Ordinal) ? Fit(to + name[from.Length..]) : null;
    }

    /// <summary>The primary key's name as <c>CREATE TABLE</c> chooses it: the table name clipped to leave room for <c>_pkey</c>.</summary>
    public static string Pkey(string table) => (table.Length <= PkeyRoom ? table : table[..PkeyRoom]) + "_pkey";

    private static string Fit(string name) =>
        name.Length <= MaxLength ? name : name[..(MaxLength - 9)] + "_" + Hash(name)[..8];

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex("^[A-Za-z0-9_]{1,16}$", RegexOptions.CultureInvariant)]
    private static partial Regex SpacePattern();
}
