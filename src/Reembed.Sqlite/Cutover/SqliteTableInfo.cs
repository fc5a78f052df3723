namespace Reembed.Sqlite;

/// <summary>One table of a cut-over target as found: its space from the tag, or from its rows when it predates tags.</summary>
/// <param name="Name">The name as stored in the schema.</param>
/// <param name="Tag">Its space and dimensions; null when it is empty and untagged.</param>
/// <param name="Tagged">Whether <c>reembed_tables</c> holds <paramref name="Tag"/> (false when it was read from the rows).</param>
/// <param name="Count">Its rows.</param>
internal sealed record SqliteTableInfo(string Name, SqliteTableTag? Tag, bool Tagged, long Count)
{
    public CutoverTable ToCutoverTable() => new(Name, Tag?.SpaceId, Count);
}
