using Reembed.Postgres.Cutover;
using Reembed.Testing;

namespace Reembed.Postgres.Tests;

/// <summary>Live and shadow tables written by the real sink, and a cut-over target over them, on the PostgreSQL 15 test cluster.</summary>
internal static class CutoverTesting
{
    public static readonly EmbeddingSpace SpaceA = new("test", "model-a", 3, normalized: false);
    public static readonly EmbeddingSpace SpaceB = new("test", "model-b", 3, normalized: false);
    public static readonly EmbeddingSpace SpaceC = new("test", "model-c", 3, normalized: false);

    public static PostgresSinkOptions Options(PgScratch scratch, string table) => new()
    {
        ConnectionString = scratch.ConnectionString,
        Table = table,
        VectorType = PostgresVectorType.RealArray,
    };

    public static PostgresCutover Target(PgScratch scratch, string live = "vecs", TimeProvider? time = null) =>
        new(Options(scratch, scratch.Qualify(live)), time ?? new ManualTimeProvider());

    /// <summary>Writes <paramref name="count"/> vectors of <paramref name="space"/> into <paramref name="table"/> with the sink, as a job would.</summary>
    public static async Task WriteAsync(PgScratch scratch, string table, EmbeddingSpace space, int count, float offset = 0)
    {
        await using var sink = await SinkTesting.OpenAsync(Options(scratch, table), space);
        if (count > 0)
        {
            await sink.WriteAsync(SinkTesting.Batch(count, offset));
        }

        await sink.CompleteAsync();
    }

    /// <summary>Every row of a table as the tests compare them: id, vector, hash, space, ordered by id.</summary>
    public static Task<List<string?[]>> RowsAsync(PgScratch scratch, string table) =>
        scratch.RowsAsync($"SELECT id, embedding::text, content_hash, space FROM {table} ORDER BY id");

    public static async Task<List<string>> TablesAsync(PgScratch scratch)
    {
        var rows = await scratch.RowsAsync($"SELECT tablename FROM pg_tables WHERE schemaname = '{scratch.Schema}' ORDER BY tablename");
        return rows.Select(r => r[0]!).ToList();
    }
}
