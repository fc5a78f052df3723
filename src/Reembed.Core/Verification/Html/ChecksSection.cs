using System.Text;
using static Reembed.Verification.Html.HtmlText;

namespace Reembed.Verification.Html;

/// <summary>Every check with its value, threshold and mark; the failing ones stand out.</summary>
internal static class ChecksSection
{
    public static void Render(StringBuilder html, IReadOnlyList<VerifyCheck> checks)
    {
        html.Append("<h2>Checks</h2>");
        if (checks.Count == 0)
        {
            html.Append("<p class=\"muted\">no checks were run</p>");
            return;
        }

        html.Append("<table class=\"checks\"><thead><tr><th>check</th><th>group</th><th class=\"num\">value</th>")
            .Append("<th>threshold</th><th>result</th><th>detail</th></tr></thead><tbody>");
        foreach (var check in checks)
        {
            html.Append(check.Passed ? "<tr>" : "<tr class=\"fail\">")
                .Append("<td><code>").Append(Encode(check.Name)).Append("</code></td>")
                .Append("<td>").Append(Encode(check.Group)).Append("</td>")
                .Append("<td class=\"num\">").Append(Value(check.Value)).Append("</td>")
                .Append("<td>").Append(Encode(check.Threshold)).Append("</td>")
                .Append(check.Passed ? "<td><span class=\"mark pass\">✓ pass</span></td>" : "<td><span class=\"mark fail\">✗ FAIL</span></td>")
                .Append("<td>").Append(Encode(check.Detail)).Append("</td></tr>");
        }

        html.Append("</tbody></table>");
    }
}
