using Npgsql;
using Reembed.Testing;

namespace Reembed.Postgres.Tests;

/// <summary>Opening a store: what goes wrong is named, and the password never shows.</summary>
public sealed class PostgresSetupTests
{
    private const string Secret = "Sup3r-S3cret-Pw";

    private static string WithPassword(string password, int? port = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString) { Password = password, Timeout = 5 };
        if (port is { } p)
        {
            builder.Port = p;
        }

        return builder.ConnectionString;
    }

    [Fact]
    public async Task OpenAsync_WrongPassword_ConfigErrorWithoutThePassword()
    {
        var ex = await Assert.ThrowsAsync<ReembedException>(() =>
            PostgresState.OpenAsync(WithPassword(Secret), "reembed", TimeProvider.System).AsTask());

        Assert.Equal(ErrorKind.Config, ex.Kind);
        Assert.Equal("state.connectionStringEnv", ex.Subject);
        Assert.Contains("password authentication failed", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NothingListening_TransientErrorWithoutThePassword()
    {
        var ex = await Assert.ThrowsAsync<ReembedException>(() =>
            PostgresCache.OpenAsync(WithPassword(Secret, port: 1), "reembed", null, TimeProvider.System).AsTask());

        Assert.Equal(ErrorKind.Transient, ex.Kind);
        Assert.Contains("127.0.0.1:1", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_MalformedConnectionString_ConfigErrorWithoutThePassword()
    {
        var ex = await Assert.ThrowsAsync<ReembedException>(() =>
            PostgresState.OpenAsync($"Host=127.0.0.1;Password={Secret};Port=not-a-port", "reembed", TimeProvider.System).AsTask());

        Assert.Equal(ErrorKind.Config, ex.Kind);
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("reembed; DROP TABLE x")]
    [InlineData("a\"b")]
    public async Task OpenAsync_SchemaNotAPlainIdentifier_ConfigErrorNamingSchemaKey(string schema)
    {
        var ex = await Assert.ThrowsAsync<ReembedException>(() =>
            PostgresState.OpenAsync(WithPassword(Secret), schema, TimeProvider.System).AsTask());

        Assert.Equal(ErrorKind.Config, ex.Kind);
        Assert.Equal("state.schema", ex.Subject);
    }

    [Fact]
    public async Task Description_Always_IsUserServerDatabaseAndSchemaOnly()
    {
        await using var schema = new TestSchema();
        await using var store = await PostgresState.OpenAsync(schema.ConnectionString, schema.Name, TimeProvider.System);

        var b = new NpgsqlConnectionStringBuilder(schema.ConnectionString);
        Assert.Equal($"postgres://{b.Username}@{b.Host}:{b.Port}/{b.Database} schema {schema.Name}", store.Description);
    }
}
