using Npgsql;
using Reembed.Remote;

namespace Reembed.Postgres.Sql;

/// <summary>
/// One configured server: a pooled data source, a description without the password, and the
/// mapping of Npgsql errors to <see cref="ReembedException"/>s that never echo the connection string.
/// </summary>
internal sealed class PgServer : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SecretRedactor _redactor;

    private PgServer(NpgsqlDataSource dataSource, string description, SecretRedactor redactor, string section)
    {
        _dataSource = dataSource;
        Description = description;
        _redactor = redactor;
        Section = section;
    }

    /// <summary><c>host:port/database</c>, safe for messages.</summary>
    public string Description { get; }

    /// <summary><c>source</c> or <c>target</c>: the config section errors are reported under.</summary>
    public string Section { get; }

    public string ConnectionKey => Section + ".connectionStringEnv";

    /// <summary>Parses <paramref name="connectionString"/>; a malformed one is a config error that does not repeat it.</summary>
    public static PgServer Create(string connectionString, string section)
    {
        var (builder, redactor, dataSource) = PgConnection.Open(connectionString, section);
        var description = $"{builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username ?? "postgres"}";
        return new PgServer(dataSource, description, redactor, section);
    }

    public async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            throw Error(ex, ConnectionKey, "cannot connect to");
        }
    }

    /// <summary>
    /// Classifies <paramref name="ex"/>: bad credentials, database, table, column or type are config
    /// errors naming <paramref name="key"/>; lost connections are transient; the rest is fatal.
    /// </summary>
    public ReembedException Error(NpgsqlException ex, string key, string action)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var state = PgConnection.SqlState(ex);
        var detail = _redactor.Redact(ex.Message);
        var message = $"{action} postgres {Description}: {detail}";
        if (PgConnection.IsBadLogin(state))
        {
            return ReembedException.Config(ConnectionKey, message);
        }

        switch (state)
        {
            case "42P01" or "42703" or "42704" or "3F000" or "42883":
                return ReembedException.Config(key, message);
            case "42501":
                var hint = Section == "source" ? "; grant the role SELECT on it" : "; the role needs to own the table (or CREATE on the schema for a new one) and UPDATE/INSERT on it";
                return Section == "source"
                    ? ReembedException.Config(key, message + hint)
                    : new ReembedException(ErrorKind.Fatal, $"{key}: {message}{hint}", ex) { Subject = key };
        }

        return new ReembedException(PgConnection.KindOf(ex, state), $"{key}: {message}", ex) { Subject = key };
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
