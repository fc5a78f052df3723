using Npgsql;
using Reembed.Remote;

namespace Reembed.Postgres.Sql;

/// <summary>
/// What every Postgres component does with a configured connection string — parse it without ever
/// repeating it, pool it, scrub it from messages — and how Npgsql errors sort into kinds.
/// </summary>
internal static class PgConnection
{
    /// <summary>Parses <paramref name="connectionString"/>; a malformed one is a config error that does not repeat it.</summary>
    public static (NpgsqlConnectionStringBuilder Builder, SecretRedactor Redactor, NpgsqlDataSource DataSource) Open(
        string connectionString, string section)
    {
        var key = section + ".connectionStringEnv";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw ReembedException.Config(key, "the connection string is empty");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // The parser's message can quote the offending value, which may be the password.
            throw ReembedException.Config(key, "not a valid PostgreSQL connection string (expected e.g. Host=...;Username=...;Database=...)");
        }

        var redactor = new SecretRedactor([builder.Password, connectionString]);
        var dataSource = new NpgsqlDataSourceBuilder(connectionString) { Name = "reembed-" + section }.Build();
        return (builder, redactor, dataSource);
    }

    public static string SqlState(NpgsqlException ex) => (ex as PostgresException)?.SqlState ?? "";

    /// <summary>Wrong password, unknown role or database: the connection string is the thing to fix.</summary>
    public static bool IsBadLogin(string sqlState) => sqlState is "28P01" or "28000" or "3D000";

    /// <summary>Lost connections (08…), a server shutting down (57P…) and what Npgsql itself calls transient may cure on a retry.</summary>
    public static ErrorKind KindOf(NpgsqlException ex, string sqlState) =>
        ex.IsTransient || sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState.StartsWith("57P", StringComparison.Ordinal)
            ? ErrorKind.Transient
            : ErrorKind.Fatal;
}
