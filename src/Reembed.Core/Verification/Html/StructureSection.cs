using System.Text;
using static Reembed.Verification.Html.HtmlText;

namespace Reembed.Verification.Html;

/// <summary>What was counted over the whole candidate, the first missing ids, and the norm histogram.</summary>
internal static class StructureSection
{
    private const int ShownSpaceIds = 5;

    public static void Render(StringBuilder html, StructureMetrics s)
    {
        html.Append("<h2>Structure</h2><div class=\"row\"><div><table class=\"meta\">");
        Row(html, "source records", s.SourceRecords, problem: false);
        Row(html, "target vectors", s.TargetVectors, problem: false);
        html.Append("<tr><th>missing</th><td class=\"num").Append(s.Missing > 0 ? " bad" : "").Append("\">")
            .Append(Count(s.Missing)).Append("</td><td class=\"muted\">").Append(Count(s.MissingLedgered))
            .Append(" in the failures ledger</td></tr>");
        Row(html, "extra", s.Extra, problem: true);
        Row(html, "duplicate keys", s.DuplicateKeys, problem: true);
        Row(html, "dimensions", s.Dimensions, problem: false);
        Row(html, "wrong dimensions", s.WrongDimensions, problem: true);
        Row(html, "non-finite", s.NonFinite, problem: true);
        Row(html, "zero vectors", s.ZeroVectors, problem: true);
        html.Append("<tr><th>space ids</th><td class=\"num").Append(s.SpaceIds.Count > 1 ? " bad" : "").Append("\">")
            .Append(s.SpaceIds.Count).Append("</td><td><code>")
            .Append(Encode(string.Join(", ", s.SpaceIds.Take(ShownSpaceIds))))
            .Append(s.SpaceIds.Count > ShownSpaceIds ? ", …" : "").Append("</code></td></tr></table>");
        MissingSample(html, s);
        html.Append("</div><div>");
        HistogramChart.Render(html, "L2 norms", "L2 norm", [new HistogramSeries("vectors", HtmlPalette.Norms, s.Norms)]);
        html.Append("</div></div>");
    }

    private static void MissingSample(StringBuilder html, StructureMetrics s)
    {
        if (s.MissingSample.Count == 0)
        {
            return;
        }

        html.Append("<h3>Missing ids (first ").Append(s.MissingSample.Count).Append(" of ").Append(Count(s.Missing))
            .Append(")</h3><p>");
        for (var i = 0; i < s.MissingSample.Count; i++)
        {
            html.Append(i == 0 ? "" : ", ").Append("<code>").Append(Encode(s.MissingSample[i])).Append("</code>");
        }

        html.Append("</p>");
    }

    private static void Row(StringBuilder html, string name, long value, bool problem) =>
        html.Append("<tr><th>").Append(name).Append("</th><td class=\"num").Append(problem && value > 0 ? " bad" : "")
            .Append("\">").Append(Count(value)).Append("</td><td></td></tr>");
}
