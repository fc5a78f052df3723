namespace Reembed;

/// <summary>Builds a <see cref="Distribution"/> from exact values: percentiles by linear interpolation, equal-width histogram.</summary>
internal static class Distributions
{
    public const int Bins = 20;

    /// <summary>Summarises <paramref name="values"/>, which it sorts in place. Empty: count 0, NaN statistics, no bins.</summary>
    public static Distribution Of(List<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new Distribution
            {
                Count = 0, Min = double.NaN, Max = double.NaN, Mean = double.NaN,
                P05 = double.NaN, Median = double.NaN, P95 = double.NaN, Histogram = [],
            };
        }

        values.Sort();
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return new Distribution
        {
            Count = values.Count,
            Min = values[0],
            Max = values[^1],
            Mean = sum / values.Count,
            P05 = Percentile(values, 0.05),
            Median = Percentile(values, 0.5),
            P95 = Percentile(values, 0.95),
            Histogram = Histogram(values),
        };
    }

    /// <summary>The p-quantile of sorted values, interpolating between the two nearest ranks (Excel's PERCENTILE.INC).</summary>
    internal static double Percentile(List<double> sorted, double p)
    {
        var position = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    private static HistogramBin[] Histogram(List<double> sorted)
    {
        var min = sorted[0];
        var max = sorted[^1];
        if (max <= min)
        {
            return [new HistogramBin(min, max, sorted.Count)];
        }

        var width = (max - min) / Bins;
        var counts = new long[Bins];
        foreach (var value in sorted)
        {
            counts[Math.Clamp((int)((value - min) / width), 0, Bins - 1)]++;
        }

        var bins = new HistogramBin[Bins];
        for (var i = 0; i < Bins; i++)
        {
            // The last bin ends exactly at the maximum rather than at min + 20 × width, which rounding may miss.
            bins[i] = new HistogramBin(min + (i * width), i == Bins - 1 ? max : min + ((i + 1) * width), counts[i]);
        }

        return bins;
    }
}
