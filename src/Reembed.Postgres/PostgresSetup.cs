using System.Text.RegularExpressions;
using Npgsql;
using Reembed.Postgres.Sql;
using Reembed.Remote;

namespace Reembed.Postgres;

/// <summary>
/// One tool's footing on a server: a pooled data source, the schema its tables live in, a description
/// without the password, and the mapping of Npgsql errors to <see cref="ReembedException"/>s that never
/// echo the connection string.
/// </summary>
internal sealed partial class PostgresSetup : IAsyncDisposable
{
    public const string DefaultSchema = "reembed";

    // PostgreSQL truncates longer names silently, which would make two configured schemas one.
    private const int MaxIdentifierLength = 63;

    private readonly SecretRedactor _redactor;

    private PostgresSetup(NpgsqlDataSource dataSource, string schema, string description, SecretRedactor redactor, string section)
    {
        DataSource = dataSource;
        Schema = "\"" + schema + "\"";
        Description = description;
        _redactor = redactor;
        Section = section;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The schema name, quoted for SQL.</summary>
    public string Schema { get; }

    /// <summary><c>postgres://user@host:port/database schema s</c>: safe for messages.</summary>
    public string Description { get; }

    /// <summary>The config section errors are reported under: <c>state</c> or <c>cache</c>.</summary>
    public string Section { get; }

    public string ConnectionKey => Section + ".connectionStringEnv";

    /// <summary>Parses <paramref name="connectionString"/> and checks <paramref name="schema"/>; neither is contacted yet.</summary>
    public static PostgresSetup Create(string connectionString, string schema, string section)
    {
        if (string.IsNullOrEmpty(schema) || schema.Length > MaxIdentifierLength || !IdentifierPattern().IsMatch(schema))
        {
            throw ReembedException.Config(section + ".schema",
                $"'{schema}' is not a plain identifier (letters, digits, _; at most {MaxIdentifierLength} characters)");
        }

        var (builder, redactor, dataSource) = PgConnection.Open(connectionString, section);
        var description = $"postgres://{builder.Username}@{builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username} schema {schema}";
        return new PostgresSetup(dataSource, schema, description, redactor, section);
    }

    /// <summary>
    /// Classifies <paramref name="ex"/>: bad credentials or database are config errors naming the connection;
    /// dropped connections, deadlocks and serialization failures are transient; the rest is fatal.
    /// </summary>
    public ReembedException Failure(NpgsqlException ex, string action)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var state = PgConnection.SqlState(ex);
        var message = $"{action} {Description}: {_redactor.Redact(ex.Message)}";
        return PgConnection.IsBadLogin(state)
            ? ReembedException.Config(ConnectionKey, message)
            : new ReembedException(PgConnection.KindOf(ex, state), $"{Section}: {message}", ex) { Subject = Section };
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
