namespace Reembed.Hosting;

/// <summary>What <c>verify</c> found, where its HTML report went; the verdict is stored for <c>swap</c>.</summary>
public sealed record VerifyResult(VerifyReport Report, string ReportPath)
{
    public bool Passed => Report.Passed;
}
