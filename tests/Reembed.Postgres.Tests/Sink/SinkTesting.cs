using Reembed.Postgres.Sink;

namespace Reembed.Postgres.Tests;

internal static class SinkTesting
{
    public static readonly EmbeddingSpace Space3 = new("test", "m", 3, normalized: false);

    public static PostgresSinkOptions Shadow(PgScratch scratch, string table = "vecs", PostgresLoadPath load = PostgresLoadPath.Auto, string idType = "text") => new()
    {
        ConnectionString = scratch.ConnectionString,
        Table = scratch.Qualify(table),
        VectorType = PostgresVectorType.RealArray,
        LoadPath = load,
        IdType = idType,
    };

    public static PostgresSinkOptions InPlace(PgScratch scratch, string table = "docs", PostgresLoadPath load = PostgresLoadPath.Auto) => new()
    {
        ConnectionString = scratch.ConnectionString,
        Table = scratch.Qualify(table),
        Shape = PostgresTargetShape.InPlace,
        VectorType = PostgresVectorType.RealArray,
        LoadPath = load,
    };

    public static async Task<PostgresSink> OpenAsync(PostgresSinkOptions options, EmbeddingSpace? space = null)
    {
        var sink = new PostgresSink(options);
        try
        {
            await sink.OpenAsync(space ?? Space3, null);
            return sink;
        }
        catch
        {
            await sink.DisposeAsync();
            throw;
        }
    }

    public static VectorRecord Record(string key, float seed, string? hash = null) =>
        new(key, new[] { seed, seed + 0.5f, -seed }, hash ?? "h" + key);

    public static List<VectorRecord> Batch(int count, float offset = 0) =>
        Enumerable.Range(1, count).Select(i => Record(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i + offset)).ToList();

    public static async Task<Dictionary<string, string>> LookupAsync(VectorSink sink, params string[] keys)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        await sink.LookupAsync(keys, found);
        return found;
    }
}
