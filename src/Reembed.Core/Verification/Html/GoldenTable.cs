using System.Text;
using static Reembed.Verification.Html.HtmlText;

namespace Reembed.Verification.Html;

/// <summary>Golden-query metrics side by side, new against old, with the difference.</summary>
internal static class GoldenTable
{
    public static void Render(StringBuilder html, IReadOnlyList<GoldenMetrics> golden)
    {
        var fresh = golden.FirstOrDefault(g => g.Side == GoldenMetrics.New);
        var old = golden.FirstOrDefault(g => g.Side == GoldenMetrics.Old);
        var any = fresh ?? old;
        if (any is null)
        {
            return;
        }

        html.Append("<h3>Golden queries (").Append(Count(any.Queries)).Append(" queries, k = ").Append(any.K)
            .Append(")</h3><table class=\"meta golden\"><tr><th>metric</th><th class=\"num\">new</th><th class=\"num\">old</th>")
            .Append("<th class=\"num\">new − old</th></tr>");
        Row(html, $"recall@{any.K}", fresh?.RecallAtK, old?.RecallAtK);
        Row(html, "MRR", fresh?.Mrr, old?.Mrr);
        Row(html, $"nDCG@{any.K}", fresh?.NdcgAtK, old?.NdcgAtK);
        html.Append("</table>");
    }

    private static void Row(StringBuilder html, string metric, double? fresh, double? old)
    {
        html.Append("<tr><th>").Append(metric).Append("</th><td class=\"num\">").Append(Cell(fresh))
            .Append("</td><td class=\"num\">").Append(Cell(old)).Append("</td><td class=\"num");
        if (fresh is { } n && old is { } o)
        {
            var delta = n - o;
            html.Append(delta < 0 ? " bad" : "").Append("\">").Append(delta > 0 ? "+" : "").Append(Number(delta));
        }
        else
        {
            html.Append("\">–");
        }

        html.Append("</td></tr>");
    }

    private static string Cell(double? value) => value is { } v ? Number(v) : "–";
}
