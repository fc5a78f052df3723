using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Reembed.Postgres.Sink;

internal sealed partial class PostgresSink
{
    private const string Staging = "pg_temp.reembed_staging";
    private const int RowsPerInsert = 250;

    /// <summary>Stages and applies one batch in one transaction. False when a first COPY failed and the batch should be redone without it.</summary>
    private async ValueTask<bool> TryWriteBatchAsync(
        NpgsqlConnection connection, IReadOnlyList<VectorRecord> records, EmbeddingSpace space, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Re-declared per batch: a pool's connection reset (DISCARD ALL) drops temporary tables, and
        // on a server that serves every connection from one session (PGlite) another client's reset does too.
        await CreateStagingAsync(connection, cancellationToken);
        if (_useCopy ?? true)
        {
            try
            {
                await CopyAsync(connection, records, cancellationToken);
            }
            catch (Exception ex) when (_useCopy is null && ex is NpgsqlException or IOException or NotSupportedException or InvalidOperationException)
            {
                return false;
            }

            _useCopy = true;
        }
        else
        {
            await InsertAsync(connection, records, cancellationToken);
        }

        await using (var apply = new NpgsqlCommand(_applySql, connection))
        {
            apply.Parameters.AddWithValue("space", space.Id);
            if (_inPlace)
            {
                apply.Parameters.Add(new NpgsqlParameter<string[]>("ids", records.Select(static r => r.Key).Distinct(StringComparer.Ordinal).ToArray())
                {
                    NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
                });
            }

            await apply.ExecuteNonQueryAsync(cancellationToken);
        }

        // ON COMMIT DELETE ROWS empties the staging table for the next batch.
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async ValueTask CopyAsync(NpgsqlConnection connection, IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {Staging} (n, id, vec, hash) FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(record.Key, NpgsqlDbType.Text, cancellationToken);
            await WriteRealArrayAsync(importer, record.Vector, cancellationToken);
            await importer.WriteAsync(record.ContentHash, NpgsqlDbType.Text, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async ValueTask InsertAsync(NpgsqlConnection connection, IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken)
    {
        for (var start = 0; start < records.Count; start += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, records.Count - start);
            var sql = new StringBuilder($"INSERT INTO {Staging} (n, id, vec, hash) VALUES ");
            await using var command = new NpgsqlCommand { Connection = connection };
            for (var i = 0; i < count; i++)
            {
                var record = records[start + i];
                var p = i * 4;
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(${p + 1}, ${p + 2}, ${p + 3}, ${p + 4})");
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = start + i, NpgsqlDbType = NpgsqlDbType.Integer });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Key, NpgsqlDbType = NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter<float[]> { TypedValue = AsArray(record.Vector), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Real });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.ContentHash, NpgsqlDbType = NpgsqlDbType.Text });
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The staged rows, last one per id winning (a batch may repeat an id), applied in one statement:
    /// an UPDATE of the source rows in place, an upsert into a shadow table.
    /// </summary>
    /// <remarks>
    /// In place, the batch's ids are also given as an array on the table's key. The staging table
    /// has no statistics (it is emptied at every commit), so the planner guesses some 2,000 rows and,
    /// on a table of narrow rows, hash-joins them against a sequential scan of the whole table: every
    /// batch then reads every row (measured 8.9 ms against 2.0 ms a batch at 20,000 rows, and growing
    /// with the table). The array keeps the table side an index scan of the batch's rows.
    /// </remarks>
    private string ApplySql(EmbeddingSpace space)
    {
        var cast = PgVectorColumn.Cast(_options.VectorType, space.Dimensions);
        const string Latest = $"SELECT DISTINCT ON (id) id, vec, hash FROM {Staging} ORDER BY id, n DESC";
        return _inPlace
            ? $"UPDATE {_table.Quoted} AS t SET {_vector} = s.vec{cast}, {_hash} = s.hash FROM ({Latest}) AS s WHERE t.{_id} = s.id::{_idType} AND t.{_id} = ANY(@ids::{_idType}[])"
            : $"INSERT INTO {_table.Quoted} ({_id}, {_vector}, content_hash, space) SELECT s.id::{_idType}, s.vec{cast}, s.hash, @space FROM ({Latest}) AS s "
                + $"ON CONFLICT ({_id}) DO UPDATE SET {_vector} = excluded.{_vector}, content_hash = excluded.content_hash, space = excluded.space";
    }

    private static async ValueTask CreateStagingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS reembed_staging (n integer NOT NULL, id text NOT NULL, vec real[] NOT NULL, hash text NOT NULL) ON COMMIT DELETE ROWS",
            connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
