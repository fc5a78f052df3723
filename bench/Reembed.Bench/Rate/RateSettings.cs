using System.Globalization;

namespace Reembed.Bench.Rate;

/// <summary>The <c>rate</c> verb's options.</summary>
internal sealed record RateSettings(int Runs, TimeSpan Duration, TimeSpan Warmup, IReadOnlyList<RateScenario> Scenarios, string Corpus)
{
    public static RateSettings Parse(string[] args)
    {
        var runs = Option(args, "--runs") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
        var seconds = Option(args, "--seconds") is { } s ? double.Parse(s, CultureInfo.InvariantCulture) : 70;
        var warmup = Option(args, "--warmup") is { } w ? double.Parse(w, CultureInfo.InvariantCulture) : 10;
        var names = Option(args, "--scenarios")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var scenarios = names is null
            ? RateScenario.All
            : names.Select(static name => RateScenario.All.FirstOrDefault(s => s.Name == name)
                ?? throw new ArgumentException($"unknown scenario '{name}' (known: {string.Join(", ", RateScenario.All.Select(static s => s.Name))})")).ToList();
        if (runs < 1 || warmup < 0 || seconds <= warmup)
        {
            throw new ArgumentException("--runs must be at least 1 and --seconds longer than --warmup");
        }

        var corpus = Option(args, "--corpus") ?? RepoPaths.SharedCorpus();
        return new RateSettings(runs, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup), scenarios, corpus);
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
