namespace Reembed.Postgres.Sink;

/// <summary>An hnsw or ivfflat index as the catalog describes it.</summary>
/// <param name="Definition">Its <c>pg_get_indexdef</c>: what recreates it.</param>
internal sealed record PgAnnIndex(string Schema, string Name, string Kind, string Definition)
{
    public string Qualified => QuoteName(Schema) + "." + QuoteName(Name);

    /// <summary>Quotes a name read from the catalog (not from config), which may hold any character.</summary>
    public static string QuoteName(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
