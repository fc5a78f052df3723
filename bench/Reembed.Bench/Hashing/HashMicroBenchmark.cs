using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Reembed.Hashing;

namespace Reembed.Bench.Hashing;

/// <summary>
/// `hash [--texts N] [--runs R] [--batch B] [--corpus PATH]`: the <c>hashing</c> embedder alone (default options) over the
/// first N Debian texts (summary, blank line, description), in batches as the pipeline sends them; prints µs per text,
/// the median of R timed passes after one warm-up pass.
/// </summary>
internal static class HashMicroBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(BenchTools.Option(args, "--texts") ?? "20000", CultureInfo.InvariantCulture);
        var runs = int.Parse(BenchTools.Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var batchSize = int.Parse(BenchTools.Option(args, "--batch") ?? "128", CultureInfo.InvariantCulture);
        var texts = await LoadAsync(BenchTools.Option(args, "--corpus") ?? RepoPaths.SharedCorpus(), count);
        var batches = texts.Chunk(batchSize).ToArray();
        using var generator = HashingEmbedder.Create(new HashingEmbedderOptions());

        await PassAsync(generator, batches);
        var micros = new List<double>(runs);
        for (var run = 0; run < runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            var checksum = await PassAsync(generator, batches);
            stopwatch.Stop();
            micros.Add(stopwatch.Elapsed.TotalMicroseconds / texts.Count);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run + 1}: {micros[^1]:F2} µs/text (checksum {checksum:F6})"));
        }

        var chars = texts.Sum(t => (long)t.Length) / (double)texts.Count;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"hashing 384 [words,char3]: {texts.Count} texts, {chars:F0} chars avg, median of {runs}: {BenchTools.Median(micros):F2} µs/text"));
        return 0;
    }

    // The sum of first components keeps the work observable, so nothing is optimised away.
    private static async Task<double> PassAsync(IEmbeddingGenerator<string, Embedding<float>> generator, string[][] batches)
    {
        var checksum = 0.0;
        foreach (var batch in batches)
        {
            foreach (var embedding in await generator.GenerateAsync(batch))
            {
                checksum += embedding.Vector.Span[0];
            }
        }

        return checksum;
    }

    private static async Task<List<string>> LoadAsync(string path, int count)
    {
        await using var file = File.OpenRead(path);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var texts = new List<string>(count);
        while (texts.Count < count && await reader.ReadLineAsync() is { } line)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            texts.Add(root.GetProperty("summary").GetString() + "\n\n" + root.GetProperty("description").GetString());
        }

        return texts;
    }
}
