namespace Reembed.Postgres;

/// <summary>Opens the PostgreSQL state store, which several processes (workers) can share.</summary>
public static class PostgresState
{
    /// <summary>
    /// Opens the state store in <paramref name="schema"/> (usually <c>reembed</c>) of the database that
    /// <paramref name="connectionString"/> names, creating or migrating its tables when needed. Several
    /// processes may open the same schema at once; they migrate it once.
    /// </summary>
    /// <exception cref="ReembedException">
    /// Kind <see cref="ErrorKind.Config"/> for a malformed connection string, a bad schema name, bad credentials
    /// or a missing database; <see cref="ErrorKind.Transient"/> when the server cannot be reached;
    /// <see cref="ErrorKind.Fatal"/> otherwise. Messages never contain the password.
    /// </exception>
    public static async ValueTask<StateStore> OpenAsync(
        string connectionString, string schema, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(time);

        var setup = PostgresSetup.Create(connectionString, schema, "state");
        try
        {
            await setup.EnsureSchemaAsync(StateTables.Component, StateTables.Steps, cancellationToken);
            return new PostgresStateStore(setup, time);
        }
        catch
        {
            await setup.DisposeAsync();
            throw;
        }
    }
}
