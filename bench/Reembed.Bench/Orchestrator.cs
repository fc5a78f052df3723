using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Reembed.Bench;

/// <summary>Prepares the corpora, runs every scenario in fresh processes, prints medians as markdown.</summary>
internal static class Orchestrator
{
    private sealed record Result(string Scenario, long Records, double Seconds, double RecordsPerSecond, double PeakRssMb);

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = BenchTools.Option(args, "--runs") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
        var corpus = BenchTools.Option(args, "--corpus") ?? RepoPaths.SharedCorpus();
        var work = Path.Combine(Path.GetTempPath(), "reembed-bench");
        Directory.CreateDirectory(work);
        var x1 = Path.Combine(work, "corpus-x1.jsonl");
        var x10 = Path.Combine(work, "corpus-x10.jsonl");
        await ReplicateAsync(corpus, x1, 1);
        await ReplicateAsync(corpus, x10, 10);

        var scenarios = new (string Name, string Scenario, string Corpus)[]
        {
            ("baseline: insert loop ×1", "baseline", x1),
            ("pipeline, no-op embedder ×1", "noop", x1),
            ("pipeline, hashing 384 ×1", "hashing", x1),
            ("pipeline, no-op embedder ×10", "noop", x10),
            ("pipeline, hashing 384 ×10", "hashing", x10),
        };
        var results = scenarios.ToDictionary(static s => s.Name, static _ => new List<Result>());
        for (var run = 0; run < runs; run++)
        {
            // Interleaved, so that a slow moment of the machine hits every scenario alike.
            foreach (var (name, scenario, file) in scenarios)
            {
                var dir = Path.Combine(work, $"run-{scenario}-{run}");
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }

                var result = await BenchTools.RunChildAsync<Result>(scenario, "child", scenario, file, dir);
                Console.Error.WriteLine($"{name} #{run + 1}: {result.RecordsPerSecond:N0} rec/s, {result.Seconds:0.00}s, peak RSS {result.PeakRssMb:N0} MB");
                results[name].Add(result);
                Directory.Delete(dir, recursive: true);
            }
        }

        Print(results, runs);
        return 0;
    }

    private static void Print(Dictionary<string, List<Result>> results, int runs)
    {
        var baseline = BenchTools.Median(results.First().Value.Select(static r => r.RecordsPerSecond));
        var noopRss = BenchTools.Median(results["pipeline, no-op embedder ×1"].Select(static r => r.PeakRssMb));
        var hashingRss = BenchTools.Median(results["pipeline, hashing 384 ×1"].Select(static r => r.PeakRssMb));
        var builder = new StringBuilder();
        builder.AppendLine(CultureInfo.InvariantCulture, $"| scenario | records | median s | median rec/s | × baseline | median peak RSS MB | RSS vs ×1 |");
        builder.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, list) in results)
        {
            var rate = BenchTools.Median(list.Select(static r => r.RecordsPerSecond));
            var rss = BenchTools.Median(list.Select(static r => r.PeakRssMb));
            var rssBase = name.Contains("no-op", StringComparison.Ordinal) ? noopRss : name.Contains("hashing", StringComparison.Ordinal) ? hashingRss : rss;
            builder.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {list[0].Records:N0} | {BenchTools.Median(list.Select(static r => r.Seconds)):0.00} | {rate:N0} | {rate / baseline:0.00} | {rss:N0} | {rss / rssBase:0.00} |");
        }

        builder.AppendLine(CultureInfo.InvariantCulture, $"\n(median of {runs} runs each, every run a fresh process and a fresh target)");
        Console.WriteLine(builder.ToString());
    }

    private static async Task ReplicateAsync(string gz, string output, int copies)
    {
        if (File.Exists(output))
        {
            return;
        }

        var lines = new List<string>();
        await using (var stream = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress))
        using (var reader = new StreamReader(stream))
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lines.Add(line);
            }
        }

        await using var writer = new StreamWriter(output + ".tmp");
        for (var copy = 0; copy < copies; copy++)
        {
            foreach (var line in lines)
            {
                // Replicas get distinct ids: {"id": "x~1", ...}.
                await writer.WriteLineAsync(copy == 0 ? line : line.Replace("\"id\": \"", "\"id\": \"~" + copy.ToString(CultureInfo.InvariantCulture) + "~", StringComparison.Ordinal));
            }
        }

        writer.Close();
        File.Move(output + ".tmp", output);
    }
}
