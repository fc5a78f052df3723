using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Reembed.Bench.Postgres;

/// <summary>
/// On the pgvector server: load a plain vector table then build HNSW, against inserting into a table
/// whose HNSW index already exists. Both load with multi-row INSERTs of one pipeline batch each, as an
/// in-place backfill would (the PGlite test server cannot COPY).
/// </summary>
internal static class HnswComparison
{
    private const string Table = "bench_pg_hnsw";
    private const int RowsPerInsert = 128;

    public static async Task<string> RunAsync(string connectionString, int rows, int runs)
    {
        var vectors = Vectors(rows);
        var thenBuild = new List<double>();
        var live = new List<double>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await PgBench.ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS vector");
        for (var run = 0; run < runs; run++)
        {
            thenBuild.Add(await TimeAsync(connection, vectors, indexFirst: false));
            Console.Error.WriteLine($"hnsw load then build #{run + 1}: {thenBuild[^1]:0.00}s");
            live.Add(await TimeAsync(connection, vectors, indexFirst: true));
            Console.Error.WriteLine($"hnsw insert into live index #{run + 1}: {live[^1]:0.00}s");
        }

        await PgBench.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Table}");
        var builder = new StringBuilder();
        builder.AppendLine("| HNSW (vector_cosine_ops, defaults) | rows | median s | rows/s |");
        builder.AppendLine("|---|---:|---:|---:|");
        foreach (var (name, list) in new[] { ("load, then CREATE INDEX", thenBuild), ("insert into a table with a live index", live) })
        {
            var seconds = BenchTools.Median(list);
            builder.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {rows:N0} | {seconds:0.00} | {rows / seconds:N0} |");
        }

        builder.AppendLine(CultureInfo.InvariantCulture, $"\n(median of {runs} runs each, {PgBench.Dimensions} dims, seeded random unit vectors)");
        return builder.ToString();
    }

    private static async Task<double> TimeAsync(NpgsqlConnection connection, float[][] vectors, bool indexFirst)
    {
        await PgBench.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Table}");
        await PgBench.ExecuteAsync(connection, $"CREATE TABLE {Table} (id bigint PRIMARY KEY, embedding vector({PgBench.Dimensions}))");
        const string Index = $"CREATE INDEX ON {Table} USING hnsw (embedding vector_cosine_ops)";
        var watch = Stopwatch.StartNew();
        if (indexFirst)
        {
            await PgBench.ExecuteAsync(connection, Index);
        }

        for (var start = 0; start < vectors.Length; start += RowsPerInsert)
        {
            var count = Math.Min(RowsPerInsert, vectors.Length - start);
            await using var command = new NpgsqlCommand { Connection = connection, CommandTimeout = 0 };
            var sql = new StringBuilder($"INSERT INTO {Table} (id, embedding) VALUES ");
            for (var i = 0; i < count; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(${(2 * i) + 1}, ${(2 * i) + 2}::real[]::vector)");
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = start + i + 1, NpgsqlDbType = NpgsqlDbType.Bigint });
                command.Parameters.Add(new NpgsqlParameter<float[]> { TypedValue = vectors[start + i], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Real });
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync();
        }

        if (!indexFirst)
        {
            await PgBench.ExecuteAsync(connection, Index);
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static float[][] Vectors(int rows)
    {
        var random = new Random(20_000);
        var vectors = new float[rows][];
        for (var row = 0; row < rows; row++)
        {
            var vector = new float[PgBench.Dimensions];
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = (float)((random.NextDouble() * 2) - 1);
            }

            var norm = MathF.Sqrt(vector.Sum(static v => v * v));
            vectors[row] = vector.Select(v => v / norm).ToArray();
        }

        return vectors;
    }
}
