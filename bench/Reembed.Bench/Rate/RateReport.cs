using System.Globalization;
using System.Text;

namespace Reembed.Bench.Rate;

/// <summary>One scenario's medians, ours beside the naive baseline, as markdown.</summary>
internal static class RateReport
{
    public static string Table(RateScenario scenario, RateSettings settings, List<RateMeasure> ours, List<RateMeasure> naive, int oursFailed)
    {
        var builder = new StringBuilder();
        builder.AppendLine(CultureInfo.InvariantCulture,
            $"### {scenario.Name}: {scenario.Label}, RPM {RateScenario.RequestsPerMinute:N0}, TPM {RateScenario.TokensPerMinute:N0}, burst {RateScenario.BurstSeconds:0} s");
        builder.AppendLine();
        builder.AppendLine("| measure (median) | ours | naive |");
        builder.AppendLine("|---|---:|---:|");
        Row(builder, "tokens/min", ours, naive, static m => m.TokensPerMinute, "N0");
        Row(builder, "binding limit (tokens/min)", ours, naive, static m => m.BindingLimit, "N0");
        builder.AppendLine(CultureInfo.InvariantCulture, $"| limit that binds | {Binds(ours)} | {Binds(naive)} |");
        Row(builder, "fraction of binding limit", ours, naive, static m => m.Fraction, "0.000");
        Row(builder, "429 share, window", ours, naive, static m => m.RateLimitedShare, "P2");
        Row(builder, "429 share, whole run", ours, naive, static m => m.RunRateLimitedShare, "P2");
        Row(builder, "requests in window", ours, naive, static m => m.Requests, "N0");
        Row(builder, "5xx seen in window", ours, naive, static m => m.ServerErrors, "N0");
        // Seeded draws come in streaks: a short window may see more or fewer than the nominal rate.
        Row(builder, "5xx share, window", ours, naive, static m => m.ServerErrorShare, "P1");
        Row(builder, "records embedded in window", ours, naive, static m => m.Records, "N0");
        Row(builder, "tokens per request", ours, naive, static m => m.MeanTokensPerRequest, "N0");
        builder.AppendLine(CultureInfo.InvariantCulture,
            $"| records skipped (whole run) | n/a | {BenchTools.Median(naive.Select(static m => (double)(m.Skipped ?? 0))):N0} |");
        var ratio = ours.Count > 0 ? BenchTools.Median(ours.Select(static m => m.TokensPerMinute)) / BenchTools.Median(naive.Select(static m => m.TokensPerMinute)) : double.NaN;
        builder.AppendLine();
        builder.AppendLine(ours.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"ours / naive, tokens/min: **{ratio:0.00}×**")
            : "ours / naive: not measured (every run of the CLI failed; see stderr)");
        builder.AppendLine();
        builder.Append(CultureInfo.InvariantCulture,
            $"(median of {ours.Count} run(s) of ours and {naive.Count} of naive, each {settings.Duration.TotalSeconds:0} s, measured after a {settings.Warmup.TotalSeconds:0} s warm-up");
        builder.AppendLine(oursFailed > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {oursFailed} run(s) of ours failed)") : ")");
        if (scenario.ServerErrorRate > 0)
        {
            // The fake charges the buckets before it draws the fault, as a real API bills a failed request's tokens.
            builder.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"(a 5xx still spends its tokens, so at most {1 - scenario.ServerErrorRate:P0} of the limit can be accepted)"));
        }

        return builder.ToString();
    }

    private static void Row(StringBuilder builder, string name, List<RateMeasure> ours, List<RateMeasure> naive, Func<RateMeasure, double> value, string format) =>
        builder.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Cell(ours, value, format)} | {Cell(naive, value, format)} |");

    private static string Cell(List<RateMeasure> measures, Func<RateMeasure, double> value, string format) =>
        measures.Count == 0 ? "n/a" : BenchTools.Median(measures.Select(value)).ToString(format, CultureInfo.InvariantCulture);

    private static string Binds(List<RateMeasure> measures) =>
        measures.Count == 0 ? "n/a" : string.Join("/", measures.Select(static m => m.Binds).Distinct());
}
