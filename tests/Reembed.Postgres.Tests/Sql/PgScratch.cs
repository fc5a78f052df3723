using Npgsql;

namespace Reembed.Postgres.Tests;

/// <summary>
/// A schema of its own on the test server named by <c>REEMBED_TEST_PG</c> (or <c>REEMBED_TEST_PGVECTOR</c>),
/// dropped with everything in it. A missing variable fails the test: these tests never skip silently.
/// </summary>
internal sealed class PgScratch : IAsyncDisposable
{
    public const string PostgresVariable = "REEMBED_TEST_PG";
    public const string PgvectorVariable = "REEMBED_TEST_PGVECTOR";

    private readonly NpgsqlDataSource _dataSource;

    private PgScratch(string server, string schema)
    {
        Server = server;
        Schema = schema;

        // PGlite serves every connection from one session and ignores a startup search path, so
        // tests that may run there qualify their tables with Schema instead of relying on this.
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = $"{schema},public" }.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    /// <summary>The server's connection string, without this schema on the search path.</summary>
    public string Server { get; }

    public string Schema { get; }

    /// <summary>The server's connection string with this schema first on the search path.</summary>
    public string ConnectionString { get; }

    public static async Task<PgScratch> CreateAsync(bool pgvector = false)
    {
        var variable = pgvector ? PgvectorVariable : PostgresVariable;
        var server = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.Fail(
                $"{variable} is not set: these tests need a {(pgvector ? "PostgreSQL server with the vector extension" : "PostgreSQL server")}. "
                + "Start the test services (scripts/test-services.sh start; eval \"$(scripts/test-services.sh env)\") or set it to an Npgsql connection string.");
        }

        var scratch = new PgScratch(server, "rt_" + Guid.NewGuid().ToString("N")[..20]);
        await scratch.ExecuteAsync($"CREATE SCHEMA \"{scratch.Schema}\"");
        return scratch;
    }

    /// <summary>A table name qualified with this schema, e.g. <c>rt_….docs</c>.</summary>
    public string Qualify(string table) => $"{Schema}.{table}";

    /// <summary>A role that holds every privilege on this schema's tables until the test revokes some (see <see cref="PgRole"/>).</summary>
    public async Task<PgRole> UnprivilegedAsync()
    {
        if (!await ScalarAsync<bool>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))
        {
            return new PgRole(this, "CURRENT_USER", ConnectionString, created: false);
        }

        var name = "rr_" + Guid.NewGuid().ToString("N")[..16];
        const string Password = "rr-test-only";
        await ExecuteAsync($"CREATE ROLE {name} LOGIN PASSWORD '{Password}'");
        await ExecuteAsync($"GRANT USAGE ON SCHEMA \"{Schema}\" TO {name}");
        await ExecuteAsync($"GRANT ALL ON ALL TABLES IN SCHEMA \"{Schema}\" TO {name}");
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Username = name, Password = Password };
        return new PgRole(this, name, builder.ConnectionString, created: true);
    }

    public async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every row of <paramref name="sql"/>, each column as text (NULL as null).</summary>
    public async Task<List<string?[]>> RowsAsync(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE");
        }
        finally
        {
            await _dataSource.DisposeAsync();
        }
    }
}
