using Npgsql;

namespace Reembed.Postgres;

/// <summary>Creates and migrates the tool's tables, one component (state, cache) at a time.</summary>
internal sealed partial class PostgresSetup
{
    // First key of the two-key advisory lock ("REMB"); the second is the schema's hash, so tools on
    // other schemas of the same database do not wait for each other.
    private const int MigrationLockClass = 0x52454D42;

    /// <summary>
    /// Brings <paramref name="component"/> to version <c>steps.Count</c>: step <c>i</c> (SQL with
    /// <c>{schema}</c> for the quoted schema) takes it from version <c>i</c> to <c>i + 1</c>. One transaction
    /// under an advisory lock, so processes opening at once migrate once; refuses a newer schema.
    /// </summary>
    public async ValueTask EnsureSchemaAsync(string component, IReadOnlyList<string> steps, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@class, hashtext(@schema));", connection, transaction);
            command.Parameters.AddWithValue("class", MigrationLockClass);
            command.Parameters.AddWithValue("schema", Schema);
            command.Parameters.AddWithValue("component", component);
            await command.ExecuteNonQueryAsync(cancellationToken);

            // Read before creating: once the schema is current no DDL runs, so a role that may only use
            // the tables (not create them) can open it.
            command.CommandText = $"SELECT to_regclass('{Schema}.schema_version') IS NOT NULL;";
            if (await command.ExecuteScalarAsync(cancellationToken) is not true)
            {
                command.CommandText = $"""
                    CREATE SCHEMA IF NOT EXISTS {Schema};
                    CREATE TABLE {Schema}.schema_version (component text PRIMARY KEY, version integer NOT NULL);
                    """;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            command.CommandText = $"SELECT version FROM {Schema}.schema_version WHERE component = @component;";
            var version = await command.ExecuteScalarAsync(cancellationToken) as int? ?? 0;
            if (version > steps.Count)
            {
                throw new ReembedException(ErrorKind.Fatal,
                    $"{Section}: cannot open {Description}: {component} schema version {version} is newer than this build supports ({steps.Count})")
                { Subject = Section };
            }

            if (version == steps.Count)
            {
                return;
            }

            for (var step = version; step < steps.Count; step++)
            {
                command.CommandText = steps[step].Replace("{schema}", Schema, StringComparison.Ordinal);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            command.CommandText = $"""
                INSERT INTO {Schema}.schema_version (component, version) VALUES (@component, {steps.Count})
                ON CONFLICT (component) DO UPDATE SET version = excluded.version;
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            throw Failure(ex, "cannot open");
        }
    }
}
