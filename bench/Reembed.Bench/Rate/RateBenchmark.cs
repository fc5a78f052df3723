using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Reembed.Bench.Rate;

/// <summary>
/// <c>rate</c>: for each scenario, N runs of the CLI and of the naive client against a fresh fake, interleaved
/// so that a slow moment of the machine hits both alike; prints a markdown table of medians per scenario.
/// </summary>
internal static class RateBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var settings = RateSettings.Parse(args);
        var texts = await CorpusTexts.LoadAsync(settings.Corpus);
        Console.Error.WriteLine($"corpus: {settings.Corpus}, {texts.Count:N0} texts; {settings.Runs} run(s) of {settings.Duration.TotalSeconds:0} s, warm-up {settings.Warmup.TotalSeconds:0} s; CLI: {RepoPaths.CliDll()}");
        Console.WriteLine(await MachineLineAsync());
        Console.WriteLine();
        foreach (var scenario in settings.Scenarios)
        {
            var ours = new List<RateMeasure>();
            var naive = new List<RateMeasure>();
            var oursErrors = new List<string>();
            for (var run = 0; run < settings.Runs; run++)
            {
                var seed = 42 + run;
                try
                {
                    var measure = await OursRun.RunAsync(scenario, settings, seed);
                    ours.Add(measure);
                    Report(scenario, "ours", run, measure);
                }
                catch (InvalidOperationException ex)
                {
                    // The naive side is still worth measuring; the table says the CLI was not.
                    oursErrors.Add(ex.Message);
                    Console.Error.WriteLine($"{scenario.Name} ours #{run + 1}: FAILED: {ex.Message}");
                }

                var baseline = await NaiveRun.RunAsync(scenario, settings, seed, texts);
                naive.Add(baseline);
                Report(scenario, "naive", run, baseline);
            }

            Console.WriteLine(RateReport.Table(scenario, settings, ours, naive, oursErrors.Count));
        }

        return 0;
    }

    private static void Report(RateScenario scenario, string side, int run, RateMeasure m) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario.Name} {side} #{run + 1}: {m.TokensPerMinute:N0} tok/min ({m.Fraction:P1} of {m.Binds}), "
            + $"{m.Requests} requests, {m.RateLimited} × 429, {m.ServerErrors} × 5xx, {m.Records:N0} records, {m.MeanTokensPerRequest:N0} tok/request"));

    private static async Task<string> MachineLineAsync()
    {
        var info = new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var version = (await process.StandardOutput.ReadToEndAsync()).Trim();
        await process.WaitForExitAsync();
        return $"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, dotnet {version}";
    }
}
