using Npgsql;

namespace Reembed.Postgres.Sink;

/// <summary>What the catalog says about the target's indexes, and running the statements that change them.</summary>
internal sealed partial class PgIndexManager
{
    private async ValueTask CheckOpsAsync(NpgsqlConnection connection, PgIndexSpec index, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT oc.opcname FROM pg_opclass oc JOIN pg_am am ON am.oid = oc.opcmethod JOIN pg_type t ON t.oid = oc.opcintype "
            + "WHERE am.amname = @kind AND t.typname = @type ORDER BY oc.opcname",
            connection);
        command.Parameters.AddWithValue("kind", index.Kind);
        command.Parameters.AddWithValue("type", PgVectorColumn.CatalogName(options.VectorType));
        var classes = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                classes.Add(reader.GetString(0));
            }
        }

        if (classes.Count == 0)
        {
            throw ReembedException.Config("target.index.type", $"this server's pgvector has no {index.Kind} index for {PgVectorColumn.Display(options.VectorType)}");
        }

        if (!classes.Contains(index.Ops, StringComparer.Ordinal))
        {
            throw ReembedException.Config(
                "target.index.ops",
                $"'{index.Ops}' is not a {index.Kind} operator class for {PgVectorColumn.Display(options.VectorType)}: use one of {string.Join(", ", classes)}");
        }
    }

    /// <summary>The hnsw and ivfflat indexes on the vector column, by its attribute or in an expression.</summary>
    private async ValueTask<List<PgAnnIndex>> FindAnnIndexesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT n.nspname, c.relname, am.amname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            + "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = c.relam "
            + "WHERE i.indrelid = to_regclass(@table) AND am.amname IN ('hnsw', 'ivfflat') AND ("
            + "EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attname = @column AND a.attnum = ANY (i.indkey)) "
            + "OR pg_get_expr(i.indexprs, i.indrelid) LIKE '%' || quote_ident(@column) || '%') ORDER BY c.relname",
            connection);
        command.Parameters.AddWithValue("table", table.Quoted);
        command.Parameters.AddWithValue("column", options.VectorColumn);
        var indexes = new List<PgAnnIndex>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            indexes.Add(new PgAnnIndex(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return indexes;
    }

    /// <summary>Drops the index when a dead CONCURRENTLY build left it invalid. True when a valid one stands under the name.</summary>
    private static async ValueTask<bool> DropIfInvalidAsync(NpgsqlConnection connection, string schema, string name, CancellationToken cancellationToken)
    {
        var qualified = PgAnnIndex.QuoteName(schema) + "." + PgAnnIndex.QuoteName(name);
        await using var command = new NpgsqlCommand("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(@index)", connection);
        command.Parameters.AddWithValue("index", qualified);
        switch (await command.ExecuteScalarAsync(cancellationToken))
        {
            case true:
                return true;
            case false:
                await ExecuteAsync(connection, $"DROP INDEX CONCURRENTLY IF EXISTS {qualified}", cancellationToken);
                return false;
            default:
                return false;
        }
    }

    /// <summary>The quoted table holding deferred index definitions, in the target's schema; null when absent and not <paramref name="create"/>d.</summary>
    private async ValueTask<string?> LedgerAsync(NpgsqlConnection connection, bool create, CancellationToken cancellationToken)
    {
        var ledger = PgAnnIndex.QuoteName(await SchemaAsync(connection, cancellationToken)) + "." + LedgerName;
        if (create)
        {
            await ExecuteAsync(
                connection,
                $"CREATE TABLE IF NOT EXISTS {ledger} (table_oid oid NOT NULL, index_schema text NOT NULL, index_name text NOT NULL, "
                + "definition text NOT NULL, PRIMARY KEY (table_oid, index_schema, index_name))",
                cancellationToken);
            return ledger;
        }

        await using var exists = new NpgsqlCommand("SELECT to_regclass(@ledger) IS NOT NULL", connection);
        exists.Parameters.AddWithValue("ledger", ledger);
        return (bool)(await exists.ExecuteScalarAsync(cancellationToken))! ? ledger : null;
    }

    private async ValueTask<string> SchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(@table)", connection);
        command.Parameters.AddWithValue("table", table.Quoted);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Runs an index build with <c>maintenance_work_mem</c> raised for it: for the transaction of a plain build,
    /// for the session (reset after) of a CONCURRENTLY one, which cannot run in a transaction.
    /// </summary>
    private async ValueTask WithMemoryAsync(NpgsqlConnection connection, string memory, bool concurrently, string sql, CancellationToken cancellationToken)
    {
        PgIndexLog.Building(logger, table.Display, memory, sql);
        await using var transaction = concurrently ? null : await connection.BeginTransactionAsync(cancellationToken);
        await using (var raise = new NpgsqlCommand("SELECT set_config('maintenance_work_mem', @memory, @local)", connection))
        {
            raise.Parameters.AddWithValue("memory", memory);
            raise.Parameters.AddWithValue("local", !concurrently);
            await raise.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            // An index over millions of vectors takes minutes: no command timeout.
            await using var build = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await build.ExecuteNonQueryAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (concurrently)
            {
                await ExecuteAsync(connection, "RESET maintenance_work_mem", CancellationToken.None);
            }
        }
    }

    private static async ValueTask ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
