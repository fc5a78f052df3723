using System.Text;
using static Reembed.Verification.Html.HtmlText;

namespace Reembed.Verification.Html;

/// <summary>Renders a <see cref="VerifyReport"/> as one self-contained HTML page: inline CSS and SVG charts, no scripts, nothing fetched.</summary>
public static class VerifyHtmlReport
{
    /// <summary>The whole page. Every key, id and description from the report is HTML-encoded.</summary>
    public static string Render(VerifyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder(32 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>reembed verify: ")
            .Append(report.Passed ? "PASSED" : "FAILED").Append(" – ").Append(Encode(report.Candidate)).Append("</title><style>")
            .Append(ReportStyles.Css).Append("</style></head><body>");
        HeaderSection.Render(html, report);
        ChecksSection.Render(html, report.Checks);
        StructureSection.Render(html, report.Structure);
        if (report.Quality is { } quality)
        {
            QualitySection.Render(html, quality);
        }
        else
        {
            html.Append("<h2>Quality</h2><p class=\"muted\">the quality checks were not run</p>");
        }

        html.Append("</main></body></html>\n");
        return html.ToString();
    }
}
