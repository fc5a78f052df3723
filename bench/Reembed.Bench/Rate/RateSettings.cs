using System.Globalization;

namespace Reembed.Bench.Rate;

/// <summary>The <c>rate</c> verb's options.</summary>
internal sealed record RateSettings(int Runs, TimeSpan Duration, TimeSpan Warmup, IReadOnlyList<RateScenario> Scenarios, string Corpus)
{
    public static RateSettings Parse(string[] args)
    {
        var runs = BenchTools.Option(args, "--runs") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
        var seconds = BenchTools.Option(args, "--seconds") is { } s ? double.Parse(s, CultureInfo.InvariantCulture) : 70;
        var warmup = BenchTools.Option(args, "--warmup") is { } w ? double.Parse(w, CultureInfo.InvariantCulture) : 10;
        var names = BenchTools.Option(args, "--scenarios")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var scenarios = names is null
            ? RateScenario.All
            : names.Select(static name => RateScenario.All.FirstOrDefault(s => s.Name == name)
                ?? throw new ArgumentException($"unknown scenario '{name}' (known: {string.Join(", ", RateScenario.All.Select(static s => s.Name))})")).ToList();
        if (runs < 1 || warmup < 0 || seconds <= warmup)
        {
            throw new ArgumentException("--runs must be at least 1 and --seconds longer than --warmup");
        }

        var corpus = BenchTools.Option(args, "--corpus") ?? RepoPaths.SharedCorpus();
        return new RateSettings(runs, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup), scenarios, corpus);
    }
}
