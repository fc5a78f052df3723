using System.Text;
using static Reembed.Verification.Html.HtmlText;

namespace Reembed.Verification.Html;

/// <summary>
/// An inline SVG bar histogram. Several series are stacked as panels over one value axis and one count scale,
/// so that new and old can be compared bar for bar even when their bins differ; each panel's ticks are its own bin edges.
/// </summary>
internal static class HistogramChart
{
    public const int Width = 540;
    public const int PlotHeight = 160;
    private const int Left = 64;
    private const int Right = 16;
    private const int PanelTop = 22;
    private const int TickSpace = 22;
    private const int AxisLabel = 18;
    private const int PanelHeight = PanelTop + PlotHeight + TickSpace;
    private const int MaxTicks = 6;
    private const int PlotWidth = Width - Left - Right;

    public static void Render(StringBuilder html, string title, string axisLabel, IReadOnlyList<HistogramSeries> series)
    {
        html.Append("<figure class=\"chart\"><figcaption>").Append(Encode(title)).Append("</figcaption>");
        var drawable = series.Where(s => Bins(s.Distribution).Any()).ToList();
        if (drawable.Count == 0)
        {
            html.Append("<p class=\"muted\">no values</p></figure>");
            return;
        }

        var (lo, hi) = Domain(drawable);
        var maxCount = Math.Max(1, drawable.SelectMany(s => Bins(s.Distribution)).Max(b => b.Count));
        var height = drawable.Count * PanelHeight + AxisLabel;
        html.Append("<svg width=\"").Append(Width).Append("\" height=\"").Append(height)
            .Append("\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height)
            .Append("\" role=\"img\" aria-label=\"").Append(Encode(title)).Append("\">");

        for (var i = 0; i < drawable.Count; i++)
        {
            Panel(html, drawable[i], i * PanelHeight + PanelTop, lo, hi, maxCount);
        }

        html.Append("<text class=\"axis\" x=\"").Append(Left + PlotWidth / 2).Append("\" y=\"").Append(height - 6)
            .Append("\" text-anchor=\"middle\">").Append(Encode(axisLabel)).Append("</text>");
        html.Append("<text class=\"axis\" transform=\"translate(14,").Append(height / 2)
            .Append(") rotate(-90)\" text-anchor=\"middle\">count</text>");
        html.Append("</svg>");
        Stats(html, drawable);
        html.Append("</figure>");
    }

    private static void Panel(StringBuilder html, HistogramSeries series, int top, double lo, double hi, long maxCount)
    {
        var baseline = top + PlotHeight;
        var d = series.Distribution;
        // A swatch, not coloured text: the series colour stays on solid shapes, where a screenshot can measure it.
        html.Append("<rect class=\"swatch\" x=\"").Append(Left + 4).Append("\" y=\"").Append(top - 16)
            .Append("\" width=\"10\" height=\"10\" fill=\"").Append(series.Colour).Append("\"/>");
        html.Append("<text class=\"series\" x=\"").Append(Left + 18).Append("\" y=\"").Append(top - 7).Append("\">")
            .Append(Encode(series.Label)).Append(" (n = ").Append(Count(d.Count)).Append(")</text>");
        YAxis(html, top, baseline, maxCount);
        Ticks(html, d, baseline, lo, hi);
        foreach (var bin in Bins(d))
        {
            // Whole pixels and crisp edges: a bar's drawn height is exactly proportional to its count.
            var h = (int)Math.Round((double)bin.Count / maxCount * PlotHeight);
            var (x, w) = BarSpan(bin, lo, hi);
            var range = $"[{Tick(bin.Lower, bin.Upper - bin.Lower)}, {Tick(bin.Upper, bin.Upper - bin.Lower)}): {Count(bin.Count)}";
            html.Append("<rect x=\"").Append(Coordinate(x)).Append("\" y=\"").Append(baseline - h)
                .Append("\" width=\"").Append(Coordinate(w)).Append("\" height=\"").Append(h)
                .Append("\" fill=\"").Append(series.Colour).Append("\" shape-rendering=\"crispEdges\"><title>")
                .Append(Encode(range)).Append("</title></rect>");
            if (w >= 18 && bin.Count > 0)
            {
                html.Append("<text class=\"count\" x=\"").Append(Coordinate(x + w / 2)).Append("\" y=\"").Append(baseline - h - 4)
                    .Append("\" text-anchor=\"middle\">").Append(Count(bin.Count)).Append("</text>");
            }
        }
    }

    private static void YAxis(StringBuilder html, int top, int baseline, long maxCount)
    {
        html.Append("<line x1=\"").Append(Left).Append("\" y1=\"").Append(top).Append("\" x2=\"").Append(Left)
            .Append("\" y2=\"").Append(baseline).Append("\" class=\"rule\" shape-rendering=\"crispEdges\"/>");
        html.Append("<line x1=\"").Append(Left).Append("\" y1=\"").Append(baseline).Append("\" x2=\"").Append(Left + PlotWidth)
            .Append("\" y2=\"").Append(baseline).Append("\" class=\"rule\" shape-rendering=\"crispEdges\"/>");
        html.Append("<text class=\"tick\" x=\"").Append(Left - 6).Append("\" y=\"").Append(top + 4)
            .Append("\" text-anchor=\"end\">").Append(Count(maxCount)).Append("</text>");
        html.Append("<text class=\"tick\" x=\"").Append(Left - 6).Append("\" y=\"").Append(baseline)
            .Append("\" text-anchor=\"end\">0</text>");
    }

    /// <summary>Ticks at the bin edges (thinned, first and last kept): the labels are the bin ranges.</summary>
    private static void Ticks(StringBuilder html, Distribution distribution, int baseline, double lo, double hi)
    {
        var bins = Bins(distribution).ToList();
        var edges = bins.Select(b => b.Lower).Append(bins[^1].Upper).Distinct().ToList();
        var step = (int)Math.Ceiling(edges.Count / (double)MaxTicks);
        var last = edges.Count - 1;
        for (var i = 0; i < edges.Count; i++)
        {
            // Every step-th edge, and the last; one that would crowd the last is left out.
            var shown = i == last || (i % step == 0 && (i == 0 || last - i >= (step + 1) / 2));
            if (!shown)
            {
                continue;
            }

            var x = Coordinate(X(edges[i], lo, hi));
            html.Append("<line x1=\"").Append(x).Append("\" y1=\"").Append(baseline).Append("\" x2=\"").Append(x)
                .Append("\" y2=\"").Append(baseline + 4).Append("\" class=\"rule\"/>");
            html.Append("<text class=\"tick\" x=\"").Append(x).Append("\" y=\"").Append(baseline + 16)
                .Append("\" text-anchor=\"middle\">").Append(Tick(edges[i], (edges[last] - edges[0]) / Math.Max(1, last))).Append("</text>");
        }
    }

    private static void Stats(StringBuilder html, List<HistogramSeries> series)
    {
        html.Append("<table class=\"stats\"><tr><th></th><th>n</th><th>min</th><th>p05</th><th>median</th><th>mean</th><th>p95</th><th>max</th></tr>");
        foreach (var s in series)
        {
            var d = s.Distribution;
            html.Append("<tr><th>").Append(Encode(s.Label)).Append("</th><td>").Append(Count(d.Count)).Append("</td>");
            foreach (var v in new[] { d.Min, d.P05, d.Median, d.Mean, d.P95, d.Max })
            {
                html.Append("<td>").Append(Number(v)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    private static IEnumerable<HistogramBin> Bins(Distribution d) =>
        d.Histogram.Where(b => double.IsFinite(b.Lower) && double.IsFinite(b.Upper) && b.Upper >= b.Lower && b.Count >= 0);

    /// <summary>The value range over all series; one value (all norms 1, say) is widened so that its bar has somewhere to stand.</summary>
    private static (double Lo, double Hi) Domain(List<HistogramSeries> series)
    {
        var bins = series.SelectMany(s => Bins(s.Distribution)).ToList();
        var lo = bins.Min(b => b.Lower);
        var hi = bins.Max(b => b.Upper);
        if (hi - lo <= 1e-12 * Math.Max(1, Math.Abs(lo)))
        {
            var pad = Math.Max(Math.Abs(lo) * 0.05, 0.5);
            return (lo - pad, hi + pad);
        }

        return (lo, hi);
    }

    private static double X(double value, double lo, double hi) => Left + (value - lo) / (hi - lo) * PlotWidth;

    private static (double X, double Width) BarSpan(HistogramBin bin, double lo, double hi)
    {
        var x0 = X(bin.Lower, lo, hi);
        var x1 = X(bin.Upper, lo, hi);
        if (x1 - x0 < 2)
        {
            // A bin of (almost) no width, e.g. every value equal: a bar of a fixed width centred on it.
            const double Narrow = PlotWidth / 20.0;
            return (Math.Round((x0 + x1) / 2 - Narrow / 2), Narrow);
        }

        // A one-pixel gap keeps neighbouring bars apart.
        var left = Math.Round(x0);
        return (left, Math.Max(1, Math.Round(x1) - left - 1));
    }
}
