using System.Text;
using static Reembed.Verification.Html.HtmlText;

namespace Reembed.Verification.Html;

/// <summary>The verdict banner and what was verified against what, when.</summary>
internal static class HeaderSection
{
    public static void Render(StringBuilder html, VerifyReport report)
    {
        var failed = report.Checks.Where(c => !c.Passed).ToList();
        html.Append("<header class=\"verdict ").Append(report.Passed ? "passed" : "failed").Append("\">")
            .Append(report.Passed ? "PASSED" : "FAILED").Append("<small>");
        if (report.Passed)
        {
            html.Append("all ").Append(report.Checks.Count).Append(report.Checks.Count == 1 ? " check" : " checks").Append(" passed");
        }
        else
        {
            html.Append(failed.Count).Append(" of ").Append(report.Checks.Count).Append(" checks failed: ")
                .Append(Encode(string.Join(", ", failed.Select(c => c.Name))));
        }

        html.Append("</small></header><main><table class=\"meta\">");
        Row(html, "candidate", report.Candidate);
        Row(html, "baseline", report.Baseline ?? "none");
        Row(html, "space", $"{report.SpaceDescription} ({report.SpaceId})");
        if (report.BaselineSpaceId is { } baselineSpace)
        {
            Row(html, "baseline space", baselineSpace);
        }

        Row(html, "job", report.JobId ?? "none");
        Row(html, "verified at", Time(report.At));
        html.Append("</table>");
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(name).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");
}
