using Npgsql;

namespace Reembed.Postgres.Tests;

/// <summary>
/// A role whose privileges a test may take away. A superuser ignores privileges, so on a server
/// reached as one a fresh login role is made (and dropped); otherwise the test's own role is used
/// and the test revokes from itself, which an owner may do without a second role.
/// </summary>
internal sealed class PgRole : IAsyncDisposable
{
    private readonly PgScratch _scratch;
    private readonly bool _created;

    public PgRole(PgScratch scratch, string role, string connectionString, bool created)
    {
        _scratch = scratch;
        Role = role;
        ConnectionString = connectionString;
        _created = created;
    }

    /// <summary>The role name, quoted for SQL.</summary>
    public string Role { get; }

    public string ConnectionString { get; }

    public async ValueTask DisposeAsync()
    {
        if (_created)
        {
            NpgsqlConnection.ClearAllPools();
            await _scratch.ExecuteAsync($"DROP OWNED BY {Role}");
            await _scratch.ExecuteAsync($"DROP ROLE {Role}");
        }
    }
}
