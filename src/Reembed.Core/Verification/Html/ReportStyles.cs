namespace Reembed.Verification.Html;

/// <summary>The page's only stylesheet, inlined: the report is one file that opens anywhere, offline.</summary>
internal static class ReportStyles
{
    public const string Css = $$"""
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:{{HtmlPalette.Text}};background:#fff}
        .verdict{margin:0;padding:18px 32px;color:#fff;font-size:40px;font-weight:700;letter-spacing:.04em}
        .verdict small{display:block;font-size:15px;font-weight:400;letter-spacing:0}
        .verdict.passed{background:{{HtmlPalette.Passed}}}
        .verdict.failed{background:{{HtmlPalette.Failed}}}
        main{padding:8px 24px 24px}
        h2{font-size:17px;margin:18px 0 6px;border-bottom:1px solid {{HtmlPalette.Rule}};padding-bottom:3px}
        h3{font-size:14px;margin:10px 0 4px}
        table{border-collapse:collapse}
        th,td{text-align:left;padding:3px 10px 3px 0;vertical-align:top}
        td.num,th.num{text-align:right}
        .meta th{color:{{HtmlPalette.Muted}};font-weight:400;white-space:nowrap}
        .meta td{word-break:break-all}
        .checks{width:100%}
        .checks thead th{border-bottom:1px solid {{HtmlPalette.Rule}}}
        .checks td,.checks th{padding:3px 8px}
        .checks tr.fail{background:{{HtmlPalette.FailedRow}};box-shadow:inset 4px 0 0 {{HtmlPalette.Failed}}}
        .mark{font-weight:700;white-space:nowrap}
        .mark.pass{color:{{HtmlPalette.Passed}}}
        .mark.fail,.bad{color:{{HtmlPalette.Failed}};font-weight:700}
        .muted{color:{{HtmlPalette.Muted}}}
        code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
        .row{display:grid;grid-template-columns:560px 1fr;gap:24px;align-items:start}
        figure.chart{margin:4px 0 10px}
        figure.chart figcaption{font-weight:600;margin-bottom:2px}
        svg text{font-size:11px;fill:{{HtmlPalette.Text}}}
        svg text.series{font-weight:600}
        svg text.axis{fill:{{HtmlPalette.Muted}}}
        svg .rule{stroke:{{HtmlPalette.Muted}};stroke-width:1}
        table.stats{font-size:12px}
        table.stats td{text-align:right;padding-right:8px}
        """;
}
