using Reembed.Testing.Png;
using Reembed.Verification.Html;

namespace Reembed.Tests.Verification.Html;

/// <summary>The sample reports rendered and photographed once per test class: a Chromium start costs about a second.</summary>
public sealed class ReportScreenshots : IAsyncLifetime
{
    internal PngImage Passing { get; private set; } = null!;

    internal PngImage Failing { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Passing = await HeadlessChromium.ScreenshotAsync(VerifyHtmlReport.Render(ReportSamples.Passing()));
        Failing = await HeadlessChromium.ScreenshotAsync(VerifyHtmlReport.Render(ReportSamples.Failing()));
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
