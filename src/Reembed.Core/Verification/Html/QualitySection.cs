using System.Globalization;
using System.Text;
using static Reembed.Verification.Html.HtmlText;

namespace Reembed.Verification.Html;

/// <summary>Neighbour overlap, nearest-neighbour scores new vs old, self-retrieval and the golden queries.</summary>
internal static class QualitySection
{
    private const int MeterWidth = 360;
    private const int MeterHeight = 18;

    public static void Render(StringBuilder html, QualityMetrics q)
    {
        html.Append("<h2>Quality</h2><p class=\"muted\">sample of ").Append(Count(q.SampleSize))
            .Append(" records (seed ").Append(q.Seed.ToString(CultureInfo.InvariantCulture)).Append("), k = ").Append(q.K)
            .Append(", neighbours by ").Append(Encode(q.Search)).Append(" search</p><div class=\"row\"><div>");
        if (q.Overlap is { } overlap)
        {
            HistogramChart.Render(html, $"Neighbour overlap@{q.K}, new vs old", $"overlap@{q.K}",
                [new HistogramSeries("records", HtmlPalette.Overlap, overlap)]);
        }

        SelfRetrieval(html, q);
        GoldenTable.Render(html, q.Golden);
        html.Append("</div><div>");
        List<HistogramSeries> scores = [new("new", HtmlPalette.NewScores, q.NewTopScores)];
        if (q.OldTopScores is { } old)
        {
            scores.Add(new("old", HtmlPalette.OldScores, old));
        }

        HistogramChart.Render(html, "Nearest-neighbour cosine similarity", "cosine similarity of the nearest other record", scores);
        html.Append("</div></div>");
    }

    private static void SelfRetrieval(StringBuilder html, QualityMetrics q)
    {
        var rate = double.IsFinite(q.SelfHitRate) ? Math.Clamp(q.SelfHitRate, 0, 1) : 0;
        var filled = (int)Math.Round(rate * MeterWidth);
        html.Append("<h3>Self-retrieval</h3><table class=\"meta\"><tr><th>found in top ").Append(q.K)
            .Append("</th><td>").Append(Percent(q.SelfHitRate)).Append("</td></tr><tr><th>mean rank</th><td>")
            .Append(Number(q.SelfMeanRank)).Append(" <span class=\"muted\">(1 = first, a miss counts ").Append(q.K + 1)
            .Append(")</span></td></tr></table>");
        html.Append("<svg width=\"").Append(MeterWidth).Append("\" height=\"").Append(MeterHeight)
            .Append("\" role=\"img\" aria-label=\"self-retrieval hit rate\"><rect width=\"").Append(MeterWidth)
            .Append("\" height=\"").Append(MeterHeight).Append("\" fill=\"").Append(HtmlPalette.Rule)
            .Append("\"/><rect width=\"").Append(filled).Append("\" height=\"").Append(MeterHeight).Append("\" fill=\"")
            .Append(HtmlPalette.SelfRetrieval).Append("\" shape-rendering=\"crispEdges\"/></svg>");
    }
}
