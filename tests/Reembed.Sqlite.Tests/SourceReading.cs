using Reembed.Sqlite;

namespace Reembed.Tests;

internal static class SourceReading
{
    public static SqliteSourceOptions Options(TestDatabase db, string table, string template, string? where = null, string id = "id") => new()
    {
        Path = db.Path,
        Table = table,
        IdColumn = id,
        Text = TextTemplate.Parse(template, "source.text"),
        Where = where,
    };

    public static async Task<SqliteSource> OpenAsync(SqliteSourceOptions options, int pageSize = 1000)
    {
        var source = new SqliteSource(options, pageSize);
        await source.OpenAsync();
        return source;
    }

    public static async Task<List<SourceRecord>> ReadAllAsync(RecordSource source)
    {
        var records = new List<SourceRecord>();
        foreach (var shard in await source.GetShardsAsync())
        {
            await foreach (var record in source.ReadAsync(shard, null))
            {
                records.Add(record);
            }
        }

        return records;
    }

    public static async Task<List<SourceRecord>> ReadAsync(RecordSource source, ShardInfo shard, string? after)
    {
        var records = new List<SourceRecord>();
        await foreach (var record in source.ReadAsync(shard, after))
        {
            records.Add(record);
        }

        return records;
    }
}
