using Npgsql;
using Reembed.Testing;

namespace Reembed.Postgres.Tests;

/// <summary>A schema name no other test uses, on the PostgreSQL 15 test cluster; dropped with everything in it.</summary>
internal sealed class TestSchema : IAsyncDisposable
{
    public string ConnectionString { get; } = TestServices.PostgresConnectionString;

    public string Name { get; } = "t_" + Guid.NewGuid().ToString("N");

    public async Task<T> QueryAsync<T>(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand(sql.Replace("{schema}", $"\"{Name}\"", StringComparison.Ordinal));
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE;");
        await command.ExecuteNonQueryAsync();
    }
}
