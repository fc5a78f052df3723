namespace Reembed.Tests.Verification;

public class DistributionsTests
{
    [Fact]
    public void Of_OneToFive_ExactStatistics()
    {
        var d = Distributions.Of([5, 3, 1, 4, 2]);

        Assert.Equal(5, d.Count);
        Assert.Equal(1, d.Min);
        Assert.Equal(5, d.Max);
        Assert.Equal(3, d.Mean, 12);
        Assert.Equal(1.2, d.P05, 12); // position 0.05 × 4 = 0.2 between 1 and 2
        Assert.Equal(3, d.Median, 12);
        Assert.Equal(4.8, d.P95, 12);
    }

    [Fact]
    public void Of_Values_TwentyBinsCoveringMinToMaxWithEveryValue()
    {
        var d = Distributions.Of([0, 0.01, 0.5, 0.99, 1, 1]);

        Assert.Equal(20, d.Histogram.Count);
        Assert.Equal(0, d.Histogram[0].Lower);
        Assert.Equal(1, d.Histogram[^1].Upper);
        Assert.Equal(6, d.Histogram.Sum(b => b.Count));
        Assert.Equal(2, d.Histogram[0].Count);
        Assert.Equal(1, d.Histogram[10].Count);
        Assert.Equal(3, d.Histogram[^1].Count); // the maximum falls in the last bin
    }

    [Fact]
    public void Of_AllEqual_OneBin()
    {
        var d = Distributions.Of([2, 2, 2]);

        var bin = Assert.Single(d.Histogram);
        Assert.Equal(new HistogramBin(2, 2, 3), bin);
        Assert.Equal(2, d.P95);
    }

    [Fact]
    public void Of_Empty_NaNAndNoBins()
    {
        var d = Distributions.Of([]);

        Assert.Equal(0, d.Count);
        Assert.True(double.IsNaN(d.Mean));
        Assert.Empty(d.Histogram);
    }
}
