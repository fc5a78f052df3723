using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Reembed.Bench.Postgres;

/// <summary>
/// The <c>postgres</c> verb: Postgres → Postgres bulk load against a plain binary COPY, every run a fresh
/// child process and a fresh target, then the HNSW build-order comparison on the pgvector server.
/// </summary>
internal static class PgBenchmark
{
    private static readonly (string Name, string Scenario)[] Scenarios =
    [
        ("baseline: one binary COPY of real[]", "baseline"),
        ("baseline, vectors pre-encoded as the sink does", "baseline-raw"),
        ("pipeline → shadow, no-op embedder", "noop"),
        ("pipeline → shadow, hashing 384", "hashing"),
        ("pipeline → in place (embedding IS NULL), no-op", "inplace"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = BenchTools.Option(args, "--runs") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
        var rows = BenchTools.Option(args, "--rows") is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 1_000_000;
        var hnswRows = BenchTools.Option(args, "--hnsw-rows") is { } h ? int.Parse(h, CultureInfo.InvariantCulture) : 20_000;
        var hnswRuns = BenchTools.Option(args, "--hnsw-runs") is { } hr ? int.Parse(hr, CultureInfo.InvariantCulture) : runs;
        var only = BenchTools.Option(args, "--scenarios")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var scenarios = Scenarios.Where(s => only is null || only.Contains(s.Scenario)).ToArray();
        await PgSourceSetup.EnsureAsync(PgBench.Postgres(), BenchTools.Option(args, "--corpus") ?? RepoPaths.SharedCorpus(), rows);

        var work = Path.Combine(Path.GetTempPath(), "reembed-bench-pg");
        var results = scenarios.ToDictionary(static s => s.Name, static _ => new List<PgResult>());
        for (var run = 0; run < runs; run++)
        {
            // Interleaved, so that a slow moment of the machine hits every scenario alike.
            foreach (var (name, scenario) in scenarios)
            {
                var dir = Path.Combine(work, $"run-{scenario}-{run}");
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }

                var result = await BenchTools.RunChildAsync<PgResult>(scenario, "pg-child", scenario, rows.ToString(CultureInfo.InvariantCulture), dir);
                Console.Error.WriteLine($"{name} #{run + 1}: {result.RecordsPerSecond:N0} rows/s, {result.Seconds:0.00}s, peak RSS {result.PeakRssMb:N0} MB");
                results[name].Add(result);
                Directory.Delete(dir, recursive: true);
            }
        }

        if (scenarios.Length > 0)
        {
            Console.WriteLine(Table(results, runs));
        }

        if (hnswRows > 0 && PgBench.Pgvector() is { } pgvector)
        {
            Console.WriteLine(await HnswComparison.RunAsync(pgvector, hnswRows, hnswRuns));
        }

        return 0;
    }

    private static string Table(Dictionary<string, List<PgResult>> results, int runs)
    {
        var plain = BaselineRates(results, Scenarios[0].Name);
        var raw = BaselineRates(results, Scenarios[1].Name);
        var builder = new StringBuilder();
        builder.AppendLine("| scenario | rows | median s | median rows/s | × baseline | × pre-encoded baseline | median peak RSS MB |");
        builder.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, list) in results)
        {
            var rate = BenchTools.Median(list.Select(static r => r.RecordsPerSecond));
            builder.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {list[0].Records:N0} | {BenchTools.Median(list.Select(static r => r.Seconds)):0.00} | {rate:N0} | {Ratio(rate, plain)} | {Ratio(rate, raw)} | {BenchTools.Median(list.Select(static r => r.PeakRssMb)):N0} |");
        }

        builder.AppendLine(CultureInfo.InvariantCulture, $"\n(median of {runs} runs each, every run a fresh process and a fresh target)");

        // The machine's speed drifts between rounds; each round's own ratio shows how much of the spread that is.
        foreach (var (name, list) in results.Where(r => r.Key != Scenarios[0].Name && plain is not null))
        {
            var rounds = list.Select((r, i) => (r.RecordsPerSecond / plain![i].RecordsPerSecond).ToString("0.00", CultureInfo.InvariantCulture));
            builder.AppendLine(CultureInfo.InvariantCulture, $"per round × baseline, {name}: {string.Join(", ", rounds)}");
        }

        return builder.ToString();
    }

    private static List<PgResult>? BaselineRates(Dictionary<string, List<PgResult>> results, string name) =>
        results.TryGetValue(name, out var list) && list.Count > 0 ? list : null;

    private static string Ratio(double rate, List<PgResult>? baseline) =>
        baseline is null ? "–" : (rate / BenchTools.Median(baseline.Select(static r => r.RecordsPerSecond))).ToString("0.00", CultureInfo.InvariantCulture);
}
