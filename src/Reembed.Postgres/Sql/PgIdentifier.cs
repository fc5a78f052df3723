using System.Text.RegularExpressions;

namespace Reembed.Postgres.Sql;

/// <summary>
/// Table and column names come from config, so they are validated against a plain-identifier
/// pattern and then always quoted: <c>docs; DROP TABLE x</c> or <c>a"b</c> is refused before any
/// SQL is built, and a valid name keeps its exact case.
/// </summary>
internal static partial class PgIdentifier
{
    // PostgreSQL truncates longer names silently, which would make two config names one table.
    private const int MaxLength = 63;

    /// <summary>Validates one name (a column) and returns it quoted.</summary>
    public static string Quote(string? name, string configKey)
    {
        Validate(name, configKey);
        return "\"" + name + "\"";
    }

    /// <summary>Validates <c>table</c> or <c>schema.table</c> and returns it quoted part by part.</summary>
    public static PgTableName ParseTable(string? name, string configKey)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw ReembedException.Config(configKey, "a table name is required");
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            Validate(name, configKey);
            return new PgTableName(null, name);
        }

        var schema = name[..dot];
        var table = name[(dot + 1)..];
        Validate(schema, configKey);
        Validate(table, configKey);
        return new PgTableName(schema, table);
    }

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && Pattern().IsMatch(name);

    private static void Validate(string? name, string configKey)
    {
        if (!IsValid(name))
        {
            throw ReembedException.Config(
                configKey,
                $"'{name}' is not a plain identifier: use letters, digits, '_' or '$', starting with a letter or '_', at most {MaxLength} characters "
                + "(a table may be qualified as schema.table)");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
