using Reembed.Testing.Png;
using Reembed.Verification.Html;

namespace Reembed.Tests.Verification.Html;

/// <summary>The report as a browser draws it: a real headless Chromium, its PNG decoded and measured.</summary>
public sealed class VerifyHtmlReportScreenshotTests(ReportScreenshots shots) : IClassFixture<ReportScreenshots>
{
    private const int BannerRows = 60;
    private static readonly Rgb Green = Rgb.Parse(HtmlPalette.Passed);
    private static readonly Rgb Red = Rgb.Parse(HtmlPalette.Failed);

    [Fact]
    public void Screenshot_Viewport_IsTheRequestedSize()
    {
        Assert.Equal(HeadlessChromium.ViewportWidth, shots.Passing.Width);
        Assert.Equal(HeadlessChromium.ViewportHeight, shots.Passing.Height);
    }

    [Fact]
    public void Screenshot_PassingReport_GreenBannerFillsTheTop()
    {
        var image = shots.Passing;

        var green = image.Count(Green, 0, 0, image.Width, BannerRows);

        Assert.True(green >= 0.85 * image.Width * BannerRows, $"{green} green pixels of {image.Width * BannerRows} in the top {BannerRows} rows");
        Assert.Equal(0, image.Count(Red, 0, 0, image.Width, BannerRows));
    }

    [Fact]
    public void Screenshot_FailingReport_RedBannerFillsTheTopAndNoGreenBanner()
    {
        var image = shots.Failing;

        var red = image.Count(Red, 0, 0, image.Width, BannerRows);

        Assert.True(red >= 0.85 * image.Width * BannerRows, $"{red} red pixels of {image.Width * BannerRows} in the top {BannerRows} rows");
        Assert.Equal(0, image.Count(Green, 0, 0, image.Width, 2 * BannerRows));
    }

    [Theory]
    [InlineData(HtmlPalette.Norms)]
    [InlineData(HtmlPalette.Overlap)]
    [InlineData(HtmlPalette.NewScores)]
    [InlineData(HtmlPalette.OldScores)]
    [InlineData(HtmlPalette.SelfRetrieval)]
    public void Screenshot_PassingReport_ShowsEachChartSeriesColour(string colour)
    {
        var pixels = shots.Passing.Count(Rgb.Parse(colour));

        Assert.True(pixels >= 300, $"{pixels} pixels of {colour}: the chart is missing or below the fold");
    }

    [Fact]
    public void Screenshot_NormHistogram_BarHeightsHaveTheRatiosOfTheCounts()
    {
        var bars = ChartBars.Measure(shots.Passing, Rgb.Parse(HtmlPalette.Norms));

        Assert.Equal(ReportSamples.NormCounts.Length, bars.Count);
        for (var i = 0; i < bars.Count; i++)
        {
            var expected = (double)ReportSamples.NormCounts[i] / ReportSamples.NormCounts[0];
            var measured = (double)bars[i].Height / bars[0].Height;
            Assert.True(Math.Abs(measured - expected) <= 0.1 * expected,
                $"bar {i}: {bars[i].Height} px, {measured:0.###} x the first ({bars[0].Height} px); counts say {expected}");
        }
    }

    [Fact]
    public void Screenshot_ScoreHistogram_OldSeriesHasOneBarPerBin()
    {
        var bars = ChartBars.Measure(shots.Passing, Rgb.Parse(HtmlPalette.OldScores));

        Assert.Equal(ReportSamples.Passing().Quality!.OldTopScores!.Histogram.Count, bars.Count);
    }

    [Fact]
    public void Screenshot_BothReports_AreNotBlank()
    {
        foreach (var image in new[] { shots.Passing, shots.Failing })
        {
            var white = image.Count(new Rgb(255, 255, 255));
            Assert.True(white < 0.95 * image.Width * image.Height, $"{white} white pixels of {image.Width * image.Height}");
            Assert.True(image.DistinctColours() >= 20, $"{image.DistinctColours()} distinct colours");
        }
    }
}
