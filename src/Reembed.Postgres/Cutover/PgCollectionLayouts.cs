using Npgsql;
using Reembed.Postgres.Sink;
using Reembed.Postgres.Sql;

namespace Reembed.Postgres.Cutover;

/// <summary>Finds a collection's columns in the catalog: the configured id and vector, and whichever hash and space columns the shape has.</summary>
internal static class PgCollectionLayouts
{
    public static async ValueTask<PgCollectionLayout> ReadAsync(
        NpgsqlConnection connection, PostgresSinkOptions options, PgTableName table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT a.attname::text, t.typname::text, col_description(a.attrelid, a.attnum) FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
            + "WHERE a.attrelid = to_regclass(@table) AND a.attnum > 0 AND NOT a.attisdropped",
            connection);
        command.Parameters.AddWithValue("table", table.Quoted);
        var columns = new Dictionary<string, (string Type, string? Comment)>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                columns[reader.GetString(0)] = (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            }
        }

        if (columns.Count == 0)
        {
            throw ReembedException.Config("target.table", $"no table named '{table.Display}'");
        }

        if (!columns.ContainsKey(options.IdColumn))
        {
            throw ReembedException.Config("target.id", $"table '{table.Display}' has no column '{options.IdColumn}'");
        }

        if (!columns.TryGetValue(options.VectorColumn, out var vector))
        {
            throw ReembedException.Config("target.vector", $"table '{table.Display}' has no column '{options.VectorColumn}'");
        }

        var inPlace = options.Shape == PostgresTargetShape.InPlace;
        var hash = inPlace ? options.VectorColumn + "_hash" : "content_hash";
        return new PgCollectionLayout(
            PgIdentifier.Quote(options.IdColumn, "target.id"),
            PgIdentifier.Quote(options.VectorColumn, "target.vector"),
            vector.Type,
            columns.ContainsKey(hash) ? PgAnnIndex.QuoteName(hash) : PgCollectionLayout.Missing,
            !inPlace && columns.ContainsKey("space") ? "\"space\"" : PgCollectionLayout.Missing,
            PgSpaceTag.Read(vector.Comment));
    }
}
