namespace Reembed.Postgres.Sql;

/// <summary>A validated table name, optionally schema-qualified.</summary>
internal sealed record PgTableName(string? Schema, string Name)
{
    /// <summary>The name quoted for SQL, e.g. <c>"public"."docs"</c>.</summary>
    public string Quoted => Schema is null ? $"\"{Name}\"" : $"\"{Schema}\".\"{Name}\"";

    /// <summary>The name as written in config, for messages.</summary>
    public string Display => Schema is null ? Name : $"{Schema}.{Name}";

    public override string ToString() => Display;
}
