using Reembed.Postgres.Sql;

namespace Reembed.Postgres.Tests;

public sealed class PgServerTests
{
    private const string Secret = "hunter2-Secret-Pw";

    [Fact]
    public void Create_MalformedConnectionString_ConfigErrorWithoutIt()
    {
        var error = Assert.Throws<ReembedException>(() => PgServer.Create($"Host=x;Password={Secret};Port=notaport", "source"));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal("source.connectionStringEnv", error.Subject);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NothingListening_ErrorNamesServerButNotPassword()
    {
        await using var server = PgServer.Create($"Host=127.0.0.1;Port=1;Username=u;Password={Secret};Timeout=2", "target");

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await server.OpenAsync(CancellationToken.None));

        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.NotEqual(ErrorKind.Item, error.Kind);
    }

    [Fact]
    public async Task OpenAsync_UnknownDatabase_ConfigErrorWithoutPassword()
    {
        await using var scratch = await PgScratch.CreateAsync();
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(scratch.Server) { Database = "no_such_db_" + Guid.NewGuid().ToString("N") };
        await using var server = PgServer.Create(builder.ConnectionString, "source");

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await server.OpenAsync(CancellationToken.None));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal("source.connectionStringEnv", error.Subject);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(builder.Password) || !error.Message.Contains(builder.Password, StringComparison.Ordinal));
    }
}
