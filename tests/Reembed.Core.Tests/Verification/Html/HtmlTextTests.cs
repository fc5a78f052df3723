using Reembed.Verification.Html;

namespace Reembed.Tests.Verification.Html;

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData(0.25, 0.05, "0.25")]
    [InlineData(1234.5678, 10.0, "1234.6")]
    [InlineData(0.99999994, 5e-9, "0.99999994")]
    [InlineData(1.0000001, 5e-9, "1.0000001")]
    [InlineData(0.0, 0.1, "0")]
    public void Tick_StepSmallAgainstValue_ShowsDigitsThatTellEdgesApart(double value, double step, string expected) =>
        Assert.Equal(expected, HtmlText.Tick(value, step));

    [Fact]
    public void Tick_UnitNormsSpreadOver1e7_EdgesReadDifferently()
    {
        var edges = Enumerable.Range(0, 5).Select(i => 0.9999999 + (i * 5e-8)).ToList();

        Assert.Equal(edges.Count, edges.Select(e => HtmlText.Tick(e, 5e-8)).Distinct().Count());
    }
}
