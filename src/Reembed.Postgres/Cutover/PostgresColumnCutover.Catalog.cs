using Npgsql;
using Reembed.Postgres.Sink;

namespace Reembed.Postgres.Cutover;

/// <summary>What the catalog says about the live vector column and its shadows, and the renames a step is made of.</summary>
internal sealed partial class PostgresColumnCutover
{
    private static readonly string[] AnnKinds = ["hnsw", "ivfflat"];

    /// <summary>The live column and every column named with its shadow prefix (not their <c>_hash</c> companions), by name; empty when the table does not exist.</summary>
    private async ValueTask<Dictionary<string, PgColumnInfo>> ColumnsAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT a.attname::text, col_description(a.attrelid, a.attnum) FROM pg_attribute a "
            + "WHERE a.attrelid = to_regclass(@table) AND a.attnum > 0 AND NOT a.attisdropped",
            connection);
        command.Parameters.AddWithValue("table", Qualified(schema));
        var all = new Dictionary<string, string?>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                all[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
            }
        }

        var columns = new Dictionary<string, PgColumnInfo>(StringComparer.Ordinal);
        foreach (var (name, comment) in all)
        {
            // A space id may itself end in _hash, so a companion is only what another member's name + _hash spells.
            var companion = name.EndsWith("_hash", StringComparison.Ordinal) && IsMember(name[..^5]) && all.ContainsKey(name[..^5]);
            if (IsMember(name) && !companion)
            {
                columns[name] = new PgColumnInfo(name, PgSpaceTag.Read(comment), all.ContainsKey(name + "_hash"));
            }
        }

        return columns;
    }

    private bool IsMember(string name) => name == _live || name.StartsWith(_prefix, StringComparison.Ordinal);

    private async ValueTask<long> CountAsync(NpgsqlConnection connection, string schema, string column, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count({Quote(column)}) FROM {Qualified(schema)}", connection) { CommandTimeout = 0 };
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Stops at the first value, so a filled column answers at once; only an all-NULL column is read through.</summary>
    private async ValueTask<bool> AnyAsync(NpgsqlConnection connection, string schema, string column, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT EXISTS (SELECT 1 FROM {Qualified(schema)} WHERE {Quote(column)} IS NOT NULL)", connection) { CommandTimeout = 0 };
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Renames a vector column and its hash companion (when it has one); the space tag and indexes go with them.</summary>
    private async ValueTask RenameAsync(NpgsqlConnection connection, string schema, PgColumnInfo column, string to, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, $"ALTER TABLE {Qualified(schema)} RENAME COLUMN {Quote(column.Name)} TO {Quote(to)}", cancellationToken);
        if (column.HasHash)
        {
            await ExecuteAsync(connection, $"ALTER TABLE {Qualified(schema)} RENAME COLUMN {Quote(column.Hash)} TO {Quote(to + "_hash")}", cancellationToken);
        }

        await RenameIndexesAsync(connection, schema, column.Name, to, cancellationToken);
    }

    private async ValueTask DropAsync(NpgsqlConnection connection, string schema, string column, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            connection, $"ALTER TABLE {Qualified(schema)} DROP COLUMN {Quote(column)}, DROP COLUMN IF EXISTS {Quote(column + "_hash")}", cancellationToken);

    /// <summary>
    /// Indexes follow their columns by themselves; their names do not. The sink's ANN index is named after the column and
    /// created IF NOT EXISTS, so a name left behind on the demoted column would leave a later job's live column without one.
    /// </summary>
    private async ValueTask RenameIndexesAsync(NpgsqlConnection connection, string schema, string from, string to, CancellationToken cancellationToken)
    {
        foreach (var kind in AnnKinds)
        {
            var old = PgIndexSpec.NameFor(_table.Name, from, kind);
            var name = PgIndexSpec.NameFor(_table.Name, to, kind);
            await using var command = new NpgsqlCommand(
                "SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass(@table) AND c.relname = @old) "
                + "AND to_regclass(@name) IS NULL",
                connection);
            command.Parameters.AddWithValue("table", Qualified(schema));
            command.Parameters.AddWithValue("old", old);
            command.Parameters.AddWithValue("name", Quote(schema) + "." + Quote(name));
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                await ExecuteAsync(connection, $"ALTER INDEX {Quote(schema)}.{Quote(old)} RENAME TO {Quote(name)}", cancellationToken);
            }
        }
    }

    private string Qualified(string schema) => Quote(schema) + "." + Quote(_table.Name);

    /// <summary>Quotes a name read from the catalog or validated before.</summary>
    private static string Quote(string name) => PgAnnIndex.QuoteName(name);

    private static async ValueTask ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
