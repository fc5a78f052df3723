namespace Reembed.Cli;

/// <summary>The <c>state</c> key, resolved: a SQLite file, or a schema of a PostgreSQL database.</summary>
internal sealed record StateSpec(string Type, string? Path, string? ConnectionStringEnv, string Schema)
{
    public const string DefaultSchema = "reembed";

    public bool IsPostgres => Type == "postgres";

    /// <summary>Where the state is, for messages: the file, or the schema and the variable naming the database.</summary>
    public string Description => IsPostgres ? $"postgres schema {Schema} (${ConnectionStringEnv})" : Path!;

    public static StateSpec Sqlite(string path) => new("sqlite", path, null, DefaultSchema);
}
