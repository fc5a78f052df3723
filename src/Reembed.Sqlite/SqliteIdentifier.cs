namespace Reembed.Sqlite;

/// <summary>
/// Table and column names come from config, so they are always quoted rather than spliced,
/// which makes a name like <c>x"; DROP TABLE t; --</c> just a name that does not exist.
/// </summary>
internal static class SqliteIdentifier
{
    public static string Quote(string name, string configKey)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('\0', StringComparison.Ordinal))
        {
            throw ReembedException.Config(configKey, "must be a non-empty name without NUL characters");
        }

        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
