using Npgsql;

namespace Reembed.Bench.Postgres;

/// <summary>What the scenarios of the <c>postgres</c> verb share: servers, table names, the precomputed vector.</summary>
internal static class PgBench
{
    public const int Dimensions = 384;
    public const string SourceTable = "bench_pg_source";
    public const string TargetTable = "bench_pg_target";
    public const string InPlaceTable = "bench_pg_inplace";

    /// <summary>PostgreSQL 15 (no pgvector), as <c>scripts/test-services.sh env</c> prints it.</summary>
    public static string Postgres() => Environment.GetEnvironmentVariable("REEMBED_TEST_PG") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException("REEMBED_TEST_PG is not set: eval \"$(scripts/test-services.sh env | sed 's/^/export /')\"");

    /// <summary>The pgvector server (PGlite), or null when none is configured.</summary>
    public static string? Pgvector() => Environment.GetEnvironmentVariable("REEMBED_TEST_PGVECTOR") is { Length: > 0 } value ? value : null;

    /// <summary>
    /// One dense unit vector, the same for every row: the baseline copies it and the no-op embedder returns it.
    /// Dense rather than one-hot, so that TOAST cannot compress it away where a row outgrows a page quarter.
    /// </summary>
    public static float[] FixedVector()
    {
        var random = new Random(384);
        var vector = new float[Dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var norm = MathF.Sqrt(vector.Sum(static v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
