using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Reembed.Hashing;
using Xunit.Abstractions;

namespace Reembed.Tests.Hashing;

public class HashingThroughputTests(ITestOutputHelper output)
{
    private const string DataPath = "/work/shared/data/debian-packages.jsonl.gz";

    [Fact]
    public async Task GenerateAsync_ManyRealDescriptions_AllUnitNorm()
    {
        var texts = File.Exists(DataPath) ? LoadTexts(16_384) : MakeTexts(16_384);
        using var generator = HashingEmbedder.Create(new HashingEmbedderOptions());
        var vectors = new List<float[]>(texts.Count);

        var stopwatch = Stopwatch.StartNew();
        foreach (var batch in texts.Chunk(128))
        {
            vectors.AddRange((await generator.GenerateAsync(batch)).Select(e => e.Vector.ToArray()));
        }

        stopwatch.Stop();
        output.WriteLine($"{texts.Count} texts, {texts.Sum(t => t.Length)} chars in {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(texts.Count, vectors.Count);
        Assert.All(vectors, v => Assert.InRange(HashingEmbeddingGeneratorTests.Norm(v), 0.99999, 1.00001));
    }

    // Where the shared data set is absent, seeded pseudo-words of about the same length.
    private static List<string> MakeTexts(int count)
    {
        var random = new Random(1234);
        return [.. Enumerable.Range(0, count).Select(_ => string.Join(' ', Enumerable.Range(0, 60)
            .Select(_ => new string([.. Enumerable.Range(0, random.Next(1, 10)).Select(_ => (char)random.Next('a', 'z' + 1))]))))];
    }

    private static List<string> LoadTexts(int max)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(DataPath), CompressionMode.Decompress));
        var texts = new List<string>();
        while (texts.Count < max && reader.ReadLine() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            texts.Add($"{json.RootElement.GetProperty("summary").GetString()}\n\n{json.RootElement.GetProperty("description").GetString()}");
        }

        return texts;
    }
}
