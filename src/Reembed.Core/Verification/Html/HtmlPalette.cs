namespace Reembed.Verification.Html;

/// <summary>
/// The report's solid colours. Each chart series has its own, used nowhere else on the page, so that a
/// screenshot test can find a chart by its colour and measure its bars.
/// </summary>
internal static class HtmlPalette
{
    public const string Passed = "#1a7f37";
    public const string Failed = "#cf222e";
    public const string FailedRow = "#ffebe9";
    public const string Norms = "#0969da";
    public const string Overlap = "#8250df";
    public const string NewScores = "#e16f24";
    public const string OldScores = "#1b7c83";
    public const string SelfRetrieval = "#bf3989";
    public const string Text = "#1f2328";
    public const string Muted = "#59636e";
    public const string Rule = "#d1d9e0";
}
