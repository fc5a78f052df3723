using Npgsql;
using Reembed.Postgres.Sink;

namespace Reembed.Postgres.Cutover;

/// <summary>What the catalog says about the live table and its shadows.</summary>
internal sealed partial class PostgresCutover
{
    private ValueTask<string> SchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        PgCutoverSession.SchemaAsync(connection, _live, cancellationToken);

    /// <summary>
    /// The live table (when <paramref name="relation"/> is null, every table of this target: the live one and those
    /// named with its shadow prefix), or only <paramref name="relation"/>. <paramref name="count"/> counts rows exactly;
    /// otherwise <see cref="PgTableInfo.Rows"/> only says whether there are any.
    /// </summary>
    private async ValueTask<List<PgTableInfo>> TablesAsync(
        NpgsqlConnection connection, string schema, string? relation, bool count, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT c.relname::text, c.oid, col_description(c.oid, a.attnum), EXISTS (SELECT 1 FROM pg_attribute s "
            + "WHERE s.attrelid = c.oid AND s.attname = 'space' AND s.attnum > 0 AND NOT s.attisdropped) "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = @vector AND a.attnum > 0 AND NOT a.attisdropped "
            + "WHERE n.nspname = @schema AND c.relkind IN ('r', 'p') AND "
            + "(CASE WHEN @relation::text IS NULL THEN c.relname = @live OR left(c.relname::text, length(@prefix)) = @prefix ELSE c.relname = @relation END) "
            + "ORDER BY c.relname",
            connection);
        command.Parameters.AddWithValue("vector", _options.VectorColumn);
        command.Parameters.AddWithValue("schema", schema);
        command.Parameters.AddWithValue("live", _live.Name);
        command.Parameters.AddWithValue("prefix", _prefix);
        command.Parameters.Add(new NpgsqlParameter("relation", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)relation ?? DBNull.Value });
        var found = new List<(string Relation, uint Oid, string? Comment, bool HasSpace)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetString(0), reader.GetFieldValue<uint>(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3)));
            }
        }

        var tables = new List<PgTableInfo>(found.Count);
        foreach (var (name, oid, comment, hasSpace) in found)
        {
            var quoted = Quote(schema) + "." + Quote(name);
            var space = PgSpaceTag.Read(comment);
            if (space is null && hasSpace)
            {
                space = await ScalarAsync<string>(connection, $"SELECT space FROM {quoted} LIMIT 1", cancellationToken);
            }

            var rows = count
                ? await ScalarAsync<long>(connection, $"SELECT count(*) FROM {quoted}", cancellationToken)
                : (await ScalarAsync<bool>(connection, $"SELECT EXISTS (SELECT 1 FROM {quoted})", cancellationToken) ? 1 : 0);
            tables.Add(new PgTableInfo(name, oid, space, rows));
        }

        return tables;
    }

    private async ValueTask<PgTableInfo?> TableAsync(NpgsqlConnection connection, string schema, string relation, CancellationToken cancellationToken) =>
        (await TablesAsync(connection, schema, relation, count: false, cancellationToken)).FirstOrDefault();

    /// <summary>An unqualified table name in the form <c>target.table</c> takes: qualified iff the live name is.</summary>
    private string Display(string relation) => _live.Schema is null ? relation : _live.Schema + "." + relation;

    /// <summary>The unqualified name of <paramref name="name"/> given in either form; a name of another schema is refused.</summary>
    private string Relation(string name, string key)
    {
        var table = Sql.PgIdentifier.ParseTable(name, key);
        if (table.Schema is not null && _live.Schema is not null && table.Schema != _live.Schema)
        {
            throw ReembedException.Config(key, $"'{name}' is not in schema '{_live.Schema}' of the live table {_live.Display}");
        }

        return table.Name;
    }

    /// <summary>Quotes a name read from the catalog or validated before.</summary>
    private static string Quote(string name) => PgAnnIndex.QuoteName(name);

    private static async ValueTask<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is T typed ? typed : default;
    }

    private static async ValueTask ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
