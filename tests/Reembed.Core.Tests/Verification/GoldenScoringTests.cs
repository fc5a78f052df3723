namespace Reembed.Tests.Verification;

public class GoldenScoringTests
{
    // Worked by hand, k = 3, gain 1 per relevant hit, discount 1/log2(rank + 1); log2(3) = 1.5849625, 1/log2(3) = 0.6309298.
    //   q1 expected {d1, d3}, top d1 d2 d3: hits at 1 and 3. recall 2/2 = 1; RR 1;
    //      DCG 1/1 + 1/log2(4) = 1.5; IDCG (2 hits) 1 + 0.6309298 = 1.6309298; nDCG 0.9197208.
    //   q2 expected {d4}, top d2 d4 d5: hit at 2. recall 1; RR 1/2; DCG 0.6309298; IDCG 1; nDCG 0.6309298.
    //   q3 expected {d6, d5, d1, d2}, top d3 d4 d6: hit at 3. recall 1/4; RR 1/3; DCG 0.5;
    //      IDCG (min(4, 3) = 3 hits) 1 + 0.6309298 + 0.5 = 2.1309298; nDCG 0.2346394.
    //   means: recall (1 + 1 + 0.25) / 3 = 0.75; MRR (1 + 0.5 + 0.3333333) / 3 = 0.6111111;
    //          nDCG (0.9197208 + 0.6309298 + 0.2346394) / 3 = 0.5950966.
    internal static readonly GoldenQuery[] Queries =
    [
        new("q1", ["d1", "d3"]),
        new("q2", ["d4"]),
        new("q3", ["d6", "d5", "d1", "d2"]),
    ];

    internal static readonly string[][] Tops = [["d1", "d2", "d3"], ["d2", "d4", "d5"], ["d3", "d4", "d6"]];

    [Fact]
    public void Score_WorkedExample_MatchesHandComputedValues()
    {
        var metrics = GoldenScoring.Score(GoldenMetrics.New, Queries, Tops, k: 3);

        Assert.Equal(GoldenMetrics.New, metrics.Side);
        Assert.Equal(3, metrics.Queries);
        Assert.Equal(3, metrics.K);
        Assert.Equal(0.75, metrics.RecallAtK, 12);
        Assert.Equal(0.6111111111, metrics.Mrr, 9);
        Assert.Equal(0.5950966352, metrics.NdcgAtK, 9);
    }

    [Fact]
    public void Score_PerfectRanking_IsOneEverywhere()
    {
        var metrics = GoldenScoring.Score(GoldenMetrics.Old, [new("q", ["a", "b"])], [["b", "a", "c"]], k: 3);

        Assert.Equal(1.0, metrics.RecallAtK, 12);
        Assert.Equal(1.0, metrics.Mrr, 12);
        Assert.Equal(1.0, metrics.NdcgAtK, 12);
    }

    [Fact]
    public void Score_DuplicateHitInTop_CountsOnce()
    {
        // A store holding "a" twice returns it twice: still one of two relevant ids found, DCG 1 of IDCG 1.6309298.
        var metrics = GoldenScoring.Score(GoldenMetrics.New, [new("q", ["a", "b"])], [["a", "a", "c"]], k: 3);

        Assert.Equal(0.5, metrics.RecallAtK, 12);
        Assert.Equal(1 / 1.6309297535714575, metrics.NdcgAtK, 12);
    }

    [Fact]
    public void Score_NoHits_IsZero()
    {
        var metrics = GoldenScoring.Score(GoldenMetrics.New, [new("q", ["a"])], [["x", "y"]], k: 2);

        Assert.Equal(0, metrics.RecallAtK);
        Assert.Equal(0, metrics.Mrr);
        Assert.Equal(0, metrics.NdcgAtK);
    }
}
