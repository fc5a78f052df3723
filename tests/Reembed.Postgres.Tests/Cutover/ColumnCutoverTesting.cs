using System.Globalization;
using Reembed.Postgres.Cutover;
using Reembed.Testing;

namespace Reembed.Postgres.Tests;

/// <summary>A source table <c>docs</c> whose vector columns the real in-place sink writes, and a column cut-over over it, on the PostgreSQL 15 test cluster.</summary>
internal static class ColumnCutoverTesting
{
    public static readonly EmbeddingSpace SpaceA = CutoverTesting.SpaceA;
    public static readonly EmbeddingSpace SpaceB = CutoverTesting.SpaceB;
    public static readonly EmbeddingSpace SpaceC = CutoverTesting.SpaceC;

    public static PostgresSinkOptions Options(PgScratch scratch, string column = "embedding") => new()
    {
        ConnectionString = scratch.ConnectionString,
        Table = scratch.Qualify("docs"),
        Shape = PostgresTargetShape.InPlace,
        VectorColumn = column,
        VectorType = PostgresVectorType.RealArray,
    };

    public static PostgresColumnCutover Target(PgScratch scratch, TimeProvider? time = null) =>
        new(Options(scratch), time ?? new ManualTimeProvider()) { LockTimeout = TimeSpan.FromSeconds(20) };

    /// <summary>The source table, <paramref name="rows"/> documents with ids 1…n and titles, no vectors yet.</summary>
    public static Task CreateDocsAsync(PgScratch scratch, int rows) =>
        scratch.ExecuteAsync(
            $"CREATE TABLE {scratch.Qualify("docs")} (id text PRIMARY KEY, title text NOT NULL); "
            + $"INSERT INTO {scratch.Qualify("docs")} SELECT g::text, 'title ' || g FROM generate_series(1, {rows}) g");

    /// <summary>
    /// Writes vectors of <paramref name="space"/> for ids 1…<paramref name="count"/> into <paramref name="column"/> with the
    /// in-place sink, as a job would: vector component 0 is id + <paramref name="offset"/>, the hash is <c>&lt;space&gt;:&lt;id&gt;</c>.
    /// </summary>
    public static async Task WriteAsync(PgScratch scratch, string column, EmbeddingSpace space, int count, float offset = 0)
    {
        await using var sink = PostgresStores.CreateSink(Options(scratch, column));
        await sink.OpenAsync(space, null);
        if (count > 0)
        {
            var records = Enumerable.Range(1, count)
                .Select(i => new VectorRecord(Key(i), new[] { i + offset, 0.5f, -1f }, space.Id + ":" + Key(i)))
                .ToList();
            await sink.WriteAsync(records);
        }

        await sink.CompleteAsync();
    }

    /// <summary>Every document as the tests compare them: id, vector, hash of <paramref name="column"/>, ordered by id.</summary>
    public static Task<List<string?[]>> RowsAsync(PgScratch scratch, string column) =>
        scratch.RowsAsync($"SELECT id, \"{column}\"::text, \"{column}_hash\" FROM {scratch.Qualify("docs")} ORDER BY id");

    public static async Task<List<string>> ColumnsAsync(PgScratch scratch)
    {
        var rows = await scratch.RowsAsync(
            $"SELECT attname::text FROM pg_attribute WHERE attrelid = '{scratch.Qualify("docs")}'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attname");
        return rows.Select(r => r[0]!).ToList();
    }

    private static string Key(int i) => i.ToString(CultureInfo.InvariantCulture);
}
