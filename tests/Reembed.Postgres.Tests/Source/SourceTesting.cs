using Reembed.Postgres.Source;

namespace Reembed.Postgres.Tests;

internal static class SourceTesting
{
    public static PostgresSourceOptions Options(PgScratch scratch, string table, string text = "{title}", string? where = null) => new()
    {
        ConnectionString = scratch.ConnectionString,
        Table = table,
        Text = TextTemplate.Parse(text, "source.text"),
        Where = where,
    };

    public static async Task<PostgresSource> OpenAsync(PostgresSourceOptions options, int pageSize = 1000, long rowsPerShard = 100_000)
    {
        var source = new PostgresSource(options, pageSize, rowsPerShard);
        await source.OpenAsync();
        return source;
    }

    public static async Task<List<SourceRecord>> ReadShardAsync(RecordSource source, ShardInfo shard, string? after = null)
    {
        var records = new List<SourceRecord>();
        await foreach (var record in source.ReadAsync(shard, after))
        {
            records.Add(record);
        }

        return records;
    }

    public static async Task<List<SourceRecord>> ReadAllAsync(RecordSource source)
    {
        var records = new List<SourceRecord>();
        foreach (var shard in await source.GetShardsAsync())
        {
            records.AddRange(await ReadShardAsync(source, shard));
        }

        return records;
    }
}
