using System.Globalization;
using Npgsql;

namespace Reembed.Postgres.Sink;

internal sealed partial class PostgresSink
{
    private static readonly HashSet<string> ShadowIdTypes = new(StringComparer.Ordinal) { "text", "bigint", "integer", "uuid" };

    private async ValueTask PrepareTableAsync(NpgsqlConnection connection, EmbeddingSpace space, CancellationToken cancellationToken)
    {
        var type = _options.VectorType;
        if (PgVectorColumn.NeedsExtension(type))
        {
            await using var probe = new NpgsqlCommand($"SELECT to_regtype('{PgVectorColumn.Display(type)}') IS NOT NULL", connection);
            if (!(bool)(await probe.ExecuteScalarAsync(cancellationToken))!)
            {
                throw ReembedException.Config(
                    "target.vectorType",
                    $"postgres {_server!.Description} has no type '{PgVectorColumn.Display(type)}': the pgvector extension is not installed there "
                    + "(run CREATE EXTENSION vector as its owner), or use vectorType real[]");
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var columns = await ReadColumnsAsync(connection, cancellationToken);
        var declaration = PgVectorColumn.Declaration(type, space.Dimensions);
        if (columns.Count == 0)
        {
            if (_inPlace)
            {
                throw MissingTable();
            }

            var idType = _options.IdType.Trim().ToLowerInvariant();
            if (!ShadowIdTypes.Contains(idType))
            {
                throw ReembedException.Config("target.idType", $"'{_options.IdType}' is not an id type: use text, bigint, integer or uuid");
            }

            await ExecuteAsync(
                connection,
                $"CREATE TABLE {_table.Quoted} ({_id} {idType} PRIMARY KEY, {_vector} {declaration} NOT NULL, content_hash text NOT NULL, space text NOT NULL)",
                cancellationToken);
            columns = await ReadColumnsAsync(connection, cancellationToken);
        }
        else if (_inPlace)
        {
            if (!columns.ContainsKey(_options.IdColumn))
            {
                throw ReembedException.Config("target.id", $"table '{_table.Display}' has no column '{_options.IdColumn}'");
            }

            if (!columns.ContainsKey(_options.VectorColumn) || !columns.ContainsKey(_options.VectorColumn + "_hash"))
            {
                await ExecuteAsync(
                    connection,
                    $"ALTER TABLE {_table.Quoted} ADD COLUMN IF NOT EXISTS {_vector} {declaration}, ADD COLUMN IF NOT EXISTS {_hash} text",
                    cancellationToken);
                columns = await ReadColumnsAsync(connection, cancellationToken);
            }
        }
        else
        {
            var missing = new[] { _options.IdColumn, _options.VectorColumn, "content_hash", "space" }.FirstOrDefault(c => !columns.ContainsKey(c));
            if (missing is not null)
            {
                throw ReembedException.Config(
                    "target.table",
                    $"table '{_table.Display}' has no column '{missing}'; a shadow target needs ({_options.IdColumn} PRIMARY KEY, {_options.VectorColumn} {declaration}, content_hash text, space text)");
            }
        }

        _idType = IdTypeOf(columns);
        var vector = columns[_options.VectorColumn];
        await CheckVectorsAsync(connection, columns, vector, space, cancellationToken);
        if (PgSpaceTag.Read(vector.Comment) != space.Id)
        {
            // format() quotes the comment server-side: COMMENT takes no parameters.
            await using var comment = new NpgsqlCommand("SELECT format('COMMENT ON COLUMN %s.%I IS %L', @table::regclass, @column, @text)", connection);
            comment.Parameters.AddWithValue("table", _table.Quoted);
            comment.Parameters.AddWithValue("column", _options.VectorColumn);
            comment.Parameters.AddWithValue("text", PgSpaceTag.Write(vector.Comment, space));
            await ExecuteAsync(connection, (string)(await comment.ExecuteScalarAsync(cancellationToken))!, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Refuses a vector column of another type, another dimension, or tagged with another space.</summary>
    private async ValueTask CheckVectorsAsync(
        NpgsqlConnection connection, Dictionary<string, PgColumn> columns, PgColumn vector, EmbeddingSpace space, CancellationToken cancellationToken)
    {
        var type = _options.VectorType;
        var where = $"column '{vector.Name}' of table '{_table.Display}'";
        if (vector.TypeName != PgVectorColumn.CatalogName(type))
        {
            throw ReembedException.Config("target.vectorType", $"{where} is {vector.Formatted}, not {PgVectorColumn.Display(type)}");
        }

        var tagged = PgSpaceTag.Read(vector.Comment);
        if (tagged is not null && tagged != space.Id)
        {
            throw ReembedException.Config(
                "embedder",
                $"{where} holds vectors of space {tagged}; this embedder makes space {space.Id} ({space.Description}). "
                + "Use a new target table or column, or the embedder that made those vectors.");
        }

        var dims = space.Dimensions.ToString(CultureInfo.InvariantCulture);
        if (type != PostgresVectorType.RealArray && vector.TypeMod > 0)
        {
            if (vector.TypeMod != space.Dimensions)
            {
                throw ReembedException.Config(
                    "embedder",
                    $"{where} is {vector.Formatted}; this embedder makes {dims} dimensions ({space.Description}). Use a new target table or column.");
            }
        }
        else
        {
            await using var sample = new NpgsqlCommand(
                $"SELECT {_id}::text, {PgVectorColumn.Length(type, _vector)} FROM {_table.Quoted} "
                + $"WHERE {_vector} IS NOT NULL AND {PgVectorColumn.Length(type, _vector)} <> {dims} LIMIT 1",
                connection);
            await using var reader = await sample.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                throw ReembedException.Config(
                    "embedder",
                    $"{where} holds a vector of {reader.GetInt32(1).ToString(CultureInfo.InvariantCulture)} dimensions (id {reader.GetString(0)}); "
                    + $"this embedder makes {dims} ({space.Description}). Use a new target table or column.");
            }
        }

        if (!_inPlace && columns.ContainsKey("space"))
        {
            await using var other = new NpgsqlCommand($"SELECT space FROM {_table.Quoted} WHERE space <> @space LIMIT 1", connection);
            other.Parameters.AddWithValue("space", space.Id);
            if (await other.ExecuteScalarAsync(cancellationToken) is string otherSpace)
            {
                throw ReembedException.Config(
                    "embedder",
                    $"table '{_table.Display}' holds vectors of space {otherSpace}; this embedder makes space {space.Id} ({space.Description}). "
                    + "Use a new target table, or the embedder that made those vectors.");
            }
        }
    }

    /// <summary>The table's columns by name; empty when the table does not exist.</summary>
    private async ValueTask<Dictionary<string, PgColumn>> ReadColumnsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT a.attname, t.typname, a.atttypmod, format_type(a.atttypid, a.atttypmod), col_description(a.attrelid, a.attnum) "
            + "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
            + "WHERE a.attrelid = to_regclass(@table) AND a.attnum > 0 AND NOT a.attisdropped",
            connection);
        command.Parameters.AddWithValue("table", _table.Quoted);
        var columns = new Dictionary<string, PgColumn>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var column = new PgColumn(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
            columns[column.Name] = column;
        }

        return columns;
    }

    private string IdTypeOf(Dictionary<string, PgColumn> columns) =>
        columns.TryGetValue(_options.IdColumn, out var id)
            ? id.Formatted
            : throw ReembedException.Config("target.id", $"table '{_table.Display}' has no column '{_options.IdColumn}'");

    private static async ValueTask ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
