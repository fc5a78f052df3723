using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;
using Reembed.Postgres.Sql;

namespace Reembed.Postgres.Sink;

/// <summary>
/// The ANN index around a load. A shadow table gets <see cref="PgIndexSpec"/> built after the load. In place,
/// an hnsw/ivfflat index on the column is either kept (with a warning: each row update maintains it) or, with
/// <see cref="PostgresSinkOptions.DeferIndex"/>, dropped at open and recreated CONCURRENTLY at completion.
/// A dropped index's definition is kept in a small table beside the target, written before the drop, so a
/// crash between the two or before completion never loses it.
/// </summary>
internal sealed partial class PgIndexManager(PostgresSinkOptions options, PgTableName table, string vector, PgIndexSpec? spec, ILogger logger)
{
    private const string LedgerName = "reembed_deferred_index";

    private readonly bool _inPlace = options.Shape == PostgresTargetShape.InPlace;

    public async ValueTask PrepareAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (spec is not null)
        {
            await CheckOpsAsync(connection, spec, cancellationToken);
        }

        if (!_inPlace)
        {
            return;
        }

        var live = await FindAnnIndexesAsync(connection, cancellationToken);
        if (!options.DeferIndex)
        {
            foreach (var index in live)
            {
                PgIndexLog.LiveIndex(logger, options.VectorColumn, table.Display, index.Kind, index.Name);
            }

            return;
        }

        foreach (var index in live)
        {
            var ledger = await LedgerAsync(connection, create: true, cancellationToken);
            await using (var remember = new NpgsqlCommand(
                $"INSERT INTO {ledger} (table_oid, index_schema, index_name, definition) VALUES (to_regclass(@table), @schema, @name, @definition) "
                + "ON CONFLICT (table_oid, index_schema, index_name) DO UPDATE SET definition = excluded.definition",
                connection))
            {
                remember.Parameters.AddWithValue("table", table.Quoted);
                remember.Parameters.AddWithValue("schema", index.Schema);
                remember.Parameters.AddWithValue("name", index.Name);
                remember.Parameters.AddWithValue("definition", index.Definition);
                await remember.ExecuteNonQueryAsync(cancellationToken);
            }

            // CONCURRENTLY: readers and writers of the source table are not blocked while it goes.
            await ExecuteAsync(connection, $"DROP INDEX CONCURRENTLY IF EXISTS {index.Qualified}", cancellationToken);
            PgIndexLog.Deferred(logger, index.Name, table.Display);
        }
    }

    public async ValueTask CompleteAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (!_inPlace)
        {
            if (spec is not null)
            {
                await BuildAsync(connection, spec, concurrently: false, cancellationToken);
            }

            return;
        }

        await RecreateDeferredAsync(connection, cancellationToken);
        if (spec is not null && (await FindAnnIndexesAsync(connection, cancellationToken)).Count == 0)
        {
            await BuildAsync(connection, spec, concurrently: true, cancellationToken);
        }
    }

    private async ValueTask BuildAsync(NpgsqlConnection connection, PgIndexSpec index, bool concurrently, CancellationToken cancellationToken)
    {
        long rows = 0;
        if (index.Kind == "ivfflat" && index.Lists is null)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table.Quoted} WHERE {vector} IS NOT NULL", connection);
            rows = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var name = "\"" + index.Name + "\"";
        if (concurrently)
        {
            // A CONCURRENTLY build that died leaves an invalid index under the name; IF NOT EXISTS would keep it.
            await DropIfInvalidAsync(connection, await SchemaAsync(connection, cancellationToken), index.Name, cancellationToken);
        }

        var sql = $"CREATE INDEX {(concurrently ? "CONCURRENTLY " : "")}IF NOT EXISTS {name} ON {table.Quoted} USING {index.Kind} ({vector} {index.Ops}){index.WithClause(rows)}";
        await WithMemoryAsync(connection, index.MaintenanceWorkMem, concurrently, sql, cancellationToken);
    }

    private async ValueTask RecreateDeferredAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var ledger = await LedgerAsync(connection, create: false, cancellationToken);
        if (ledger is null)
        {
            return;
        }

        var pending = new List<(string Schema, string Name, string Definition)>();
        await using (var read = new NpgsqlCommand($"SELECT index_schema, index_name, definition FROM {ledger} WHERE table_oid = to_regclass(@table)", connection))
        {
            read.Parameters.AddWithValue("table", table.Quoted);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                pending.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (schema, name, definition) in pending)
        {
            if (!await DropIfInvalidAsync(connection, schema, name, cancellationToken))
            {
                var sql = CreateIndex().Replace(definition, "CREATE $1INDEX CONCURRENTLY ", 1);
                await WithMemoryAsync(connection, spec?.MaintenanceWorkMem ?? new PostgresIndexOptions().MaintenanceWorkMem, concurrently: true, sql, cancellationToken);
            }

            await using var forget = new NpgsqlCommand(
                $"DELETE FROM {ledger} WHERE table_oid = to_regclass(@table) AND index_schema = @schema AND index_name = @name", connection);
            forget.Parameters.AddWithValue("table", table.Quoted);
            forget.Parameters.AddWithValue("schema", schema);
            forget.Parameters.AddWithValue("name", name);
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var left = new NpgsqlCommand($"SELECT count(*) FROM {ledger}", connection);
        if ((long)(await left.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {ledger}", cancellationToken);
        }
    }

    [GeneratedRegex("^CREATE (UNIQUE )?INDEX ", RegexOptions.CultureInvariant)]
    private static partial Regex CreateIndex();
}
