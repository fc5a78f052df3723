using System.IO.Compression;
using System.Text;
using Reembed.Jsonl;

namespace Reembed.Tests.Jsonl;

internal static class JsonlTestFiles
{
    public static string WritePlain(TempDirectory directory, string name, string content)
    {
        var path = directory.File(name);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(content));
        return path;
    }

    public static string WriteGzip(TempDirectory directory, string name, string content)
    {
        var path = directory.File(name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(content));
        return path;
    }

    public static RecordSource CreateSource(string path, string template = "{text}", string idField = "id") =>
        JsonlStores.CreateSource(new JsonlSourceOptions
        {
            Path = path,
            IdField = idField,
            Text = TextTemplate.Parse(template, "source.text"),
        });

    public static async Task<List<SourceRecord>> ReadAllAsync(RecordSource source, string? afterCursor = null)
    {
        await source.OpenAsync();
        var shard = Assert.Single(await source.GetShardsAsync());
        var records = new List<SourceRecord>();
        await foreach (var record in source.ReadAsync(shard, afterCursor))
        {
            records.Add(record);
        }

        return records;
    }

    public static async Task<SourceRecord> ReadSingleAsync(TempDirectory directory, string line, string template = "{text}", string idField = "id")
    {
        var path = WritePlain(directory, "one.jsonl", line + "\n");
        return Assert.Single(await ReadAllAsync(CreateSource(path, template, idField)));
    }
}
