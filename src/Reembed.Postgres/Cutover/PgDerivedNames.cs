using Npgsql;

namespace Reembed.Postgres.Cutover;

/// <summary>Renames the indexes and constraints of a table that carry its former name (see <see cref="PgShadowNames.Rename"/>).</summary>
internal static class PgDerivedNames
{
    public static async ValueTask RenameAsync(
        NpgsqlConnection connection, string schema, uint table, string from, string to, string vectorColumn, CancellationToken cancellationToken)
    {
        // Index-backed constraints (primary key, unique, exclusion) are renamed with their index; the others by themselves.
        var indexes = await NamesAsync(connection, "SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = @table", table, cancellationToken);
        var constraints = await NamesAsync(connection, "SELECT conname::text FROM pg_constraint WHERE conrelid = @table AND contype NOT IN ('p', 'u', 'x')", table, cancellationToken);
        var quotedTable = Quote(schema) + "." + Quote(to);
        foreach (var index in indexes)
        {
            if (PgShadowNames.Rename(index, from, to, vectorColumn) is { } name && !await TakenAsync(connection, schema, name, cancellationToken))
            {
                await ExecuteAsync(connection, $"ALTER INDEX {Quote(schema)}.{Quote(index)} RENAME TO {Quote(name)}", cancellationToken);
            }
        }

        foreach (var constraint in constraints)
        {
            if (PgShadowNames.Rename(constraint, from, to, vectorColumn) is { } name && !constraints.Contains(name, StringComparer.Ordinal))
            {
                await ExecuteAsync(connection, $"ALTER TABLE {quotedTable} RENAME CONSTRAINT {Quote(constraint)} TO {Quote(name)}", cancellationToken);
            }
        }
    }

    /// <summary>Index names share the schema's namespace with every table, index and sequence: one in use is left as it is.</summary>
    private static async ValueTask<bool> TakenAsync(NpgsqlConnection connection, string schema, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass(@name) IS NOT NULL", connection);
        command.Parameters.AddWithValue("name", Quote(schema) + "." + Quote(name));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async ValueTask<List<string>> NamesAsync(NpgsqlConnection connection, string sql, uint table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("table", NpgsqlTypes.NpgsqlDbType.Oid) { Value = table });
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async ValueTask ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string name) => Sink.PgAnnIndex.QuoteName(name);
}
