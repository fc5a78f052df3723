using System.Text.RegularExpressions;
using Reembed.Verification.Html;

namespace Reembed.Tests.Verification.Html;

public sealed partial class VerifyHtmlReportTests
{
    [Fact]
    public void Render_MissingKeyWithMarkupAndQuotes_IsEncodedEverywhere()
    {
        var html = VerifyHtmlReport.Render(ReportSamples.Failing());

        Assert.DoesNotContain(ReportSamples.HostileKey, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;&#39;&amp;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnyReport_FetchesNothing()
    {
        var html = VerifyHtmlReport.Render(ReportSamples.Passing());

        foreach (var external in new[] { "http:", "https:", "<link", "<script", "<img", "<iframe", "src=", "url(", "@import" })
        {
            Assert.DoesNotContain(external, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PassingReport_HasTheGreenVerdictAndNoFailedRow()
    {
        var html = VerifyHtmlReport.Render(ReportSamples.Passing());

        Assert.Contains("<header class=\"verdict passed\">PASSED", html, StringComparison.Ordinal);
        Assert.Contains($"background:{HtmlPalette.Passed}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<tr class=\"fail\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FailingReport_HasTheRedVerdictAndHighlightsEachFailedCheck()
    {
        var html = VerifyHtmlReport.Render(ReportSamples.Failing());

        Assert.Contains("<header class=\"verdict failed\">FAILED<small>2 of 3 checks failed: missing, goldenRecall", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(html, "<tr class=\"fail\">"));
        Assert.Contains("≥ 0.95 × old", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MetaAndStructure_ShowWhatWasVerifiedAndTheCounts()
    {
        var html = VerifyHtmlReport.Render(ReportSamples.Failing());

        Assert.Contains("vectors__reembed_0123456789abcdef", html, StringComparison.Ordinal);
        Assert.Contains("job-0001", html, StringComparison.Ordinal);
        Assert.Contains("2026-11-21 10:30:00 UTC", html, StringComparison.Ordinal);
        Assert.Contains("63,905", html, StringComparison.Ordinal);
        Assert.Contains("Missing ids (first 3 of 3)", html, StringComparison.Ordinal);
        Assert.Contains("<code>pkg-c</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Histogram_BarHeightsAreProportionalToCounts()
    {
        var html = VerifyHtmlReport.Render(ReportSamples.Passing());

        var heights = Bars(html, HtmlPalette.Norms).Select(b => b.Height).ToList();

        Assert.Equal(ReportSamples.NormCounts.Select(c => (int)(c * HistogramChart.PlotHeight / 8)), heights);
    }

    [Fact]
    public void Render_Histogram_LabelsBinRangesAndCounts()
    {
        var html = VerifyHtmlReport.Render(ReportSamples.Passing());

        Assert.Contains("<title>[0.96, 0.98): 1</title>", html, StringComparison.Ordinal);
        Assert.Contains("<title>[1.02, 1.04): 8</title>", html, StringComparison.Ordinal);
        Assert.Contains(">0.96</text>", html, StringComparison.Ordinal);
        Assert.Contains(">1.04</text>", html, StringComparison.Ordinal);
        Assert.Contains(">L2 norm</text>", html, StringComparison.Ordinal);
        Assert.Contains(">count</text>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_QualityWithOldVectors_DrawsEverySeriesInItsOwnColour()
    {
        var html = VerifyHtmlReport.Render(ReportSamples.Passing());

        string[] colours = [HtmlPalette.Norms, HtmlPalette.Overlap, HtmlPalette.NewScores, HtmlPalette.OldScores, HtmlPalette.SelfRetrieval];
        Assert.Equal(colours.Length + 2, colours.Concat([HtmlPalette.Passed, HtmlPalette.Failed]).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(colours, c => Assert.Contains($"fill=\"{c}\"", html, StringComparison.Ordinal));
        Assert.Equal(7, Bars(html, HtmlPalette.OldScores).Count);
    }

    [Fact]
    public void Render_NoOldVectorsNorGoldenFile_LeavesOutOverlapOldSeriesAndGoldenTable()
    {
        var report = ReportSamples.Passing();
        report = report with { Quality = report.Quality! with { Overlap = null, OldTopScores = null, Golden = [] } };

        var html = VerifyHtmlReport.Render(report);

        Assert.DoesNotContain(HtmlPalette.Overlap, html, StringComparison.Ordinal);
        Assert.DoesNotContain(HtmlPalette.OldScores, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Golden queries", html, StringComparison.Ordinal);
        Assert.Contains($"fill=\"{HtmlPalette.NewScores}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_GoldenMetrics_ShowsNewOldAndTheDifference()
    {
        var html = VerifyHtmlReport.Render(ReportSamples.Passing());

        Assert.Contains("Golden queries (25 queries, k = 10)", html, StringComparison.Ordinal);
        Assert.Matches("<th>recall@10</th><td class=\"num\">0.84</td><td class=\"num\">0.8</td><td class=\"num\">\\+0.04</td>", html);
        Assert.Contains("<th>nDCG@10</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithoutQuality_SaysTheQualityChecksDidNotRun()
    {
        var html = VerifyHtmlReport.Render(ReportSamples.Passing() with { Quality = null });

        Assert.Contains("the quality checks were not run", html, StringComparison.Ordinal);
        Assert.DoesNotContain(HtmlPalette.NewScores, html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EveryNormEqual_DrawsOneBarOfVisibleWidth()
    {
        var report = ReportSamples.Passing();
        var norms = ReportSamples.Distribution(1, 1, 500);
        report = report with { Structure = report.Structure with { Norms = norms } };

        var bars = Bars(VerifyHtmlReport.Render(report), HtmlPalette.Norms);

        var bar = Assert.Single(bars);
        Assert.True(bar.Width >= 10, $"bar width {bar.Width}");
        Assert.Equal(HistogramChart.PlotHeight, bar.Height);
    }

    [Fact]
    public void Render_EmptyDistribution_SaysNoValuesInsteadOfAChart()
    {
        var report = ReportSamples.Passing();
        var empty = new Distribution { Count = 0, Min = 0, Max = 0, Mean = 0, P05 = 0, Median = 0, P95 = 0, Histogram = [] };
        report = report with { Structure = report.Structure with { Norms = empty } };

        var html = VerifyHtmlReport.Render(report);

        Assert.Contains("L2 norms</figcaption><p class=\"muted\">no values</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(HtmlPalette.Norms, html, StringComparison.Ordinal);
    }

    private static List<(double Width, int Height)> Bars(string html, string colour) =>
        [.. BarPattern().Matches(html).Where(m => m.Groups["fill"].Value == colour)
            .Select(m => (double.Parse(m.Groups["w"].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups["h"].Value, System.Globalization.CultureInfo.InvariantCulture)))];

    [GeneratedRegex("<rect x=\"[0-9.]+\" y=\"-?[0-9]+\" width=\"(?<w>[0-9.]+)\" height=\"(?<h>[0-9]+)\" fill=\"(?<fill>#[0-9a-f]{6})\"")]
    private static partial Regex BarPattern();
}
