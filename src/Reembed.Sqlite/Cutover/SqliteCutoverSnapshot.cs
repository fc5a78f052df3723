namespace Reembed.Sqlite;

/// <summary>The live table (null when absent), the other tables named after it, and the latest journal step.</summary>
internal sealed record SqliteCutoverSnapshot(SqliteTableInfo? Live, IReadOnlyList<SqliteTableInfo> Others, CutoverStep? LastStep)
{
    public SqliteTableInfo? Find(string name) => Others.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));

    public CutoverState ToState(string liveName) => new(
        Live?.ToCutoverTable() ?? new CutoverTable(liveName, null, 0),
        [.. Others.Select(static o => o.ToCutoverTable())],
        LastStep);
}
