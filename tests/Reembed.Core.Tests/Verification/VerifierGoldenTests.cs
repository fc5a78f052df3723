using Reembed.Testing;
using Reembed.Testing.Verification;

namespace Reembed.Tests.Verification;

/// <summary>
/// The golden-query worked example of <see cref="GoldenScoringTests"/>, end to end: six documents on the six axes,
/// each query a weighted sum of axes so that its top 3 is the one worked by hand.
/// </summary>
public class VerifierGoldenTests
{
    private static readonly EmbeddingSpace NewSpace = new("test", "new", 6, normalized: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_GoldenQueries_NewAndOldMetricsAndChecks(bool storeSearch)
    {
        var docs = Enumerable.Range(1, 6).Select(i => ($"d{i}", Axis(i))).ToList();
        var newModel = new Dictionary<string, float[]>
        {
            ["q1"] = [0.9f, 0.8f, 0.7f, 0.1f, 0.05f, 0.01f],
            ["q2"] = [0.03f, 0.9f, 0.02f, 0.8f, 0.7f, 0.01f],
            ["q3"] = [0.01f, 0.02f, 0.9f, 0.8f, 0.03f, 0.7f],
        };
        var oldModel = new Dictionary<string, float[]>
        {
            ["q1"] = [0.9f, 0.02f, 0.8f, 0.01f, 0.03f, 0.04f],
            ["q2"] = [0.01f, 0.02f, 0.03f, 0.9f, 0.04f, 0.05f],
            ["q3"] = [0.7f, 0.01f, 0.02f, 0.03f, 0.8f, 0.9f],
        };
        foreach (var (key, vector) in docs)
        {
            newModel[$"text of {key}"] = vector;
        }

        var request = new VerifyRequest
        {
            Source = new ListSource(docs.Select(d => (d.Item1, (string?)$"text of {d.Item1}"))),
            Candidate = InMemoryVectorCollection.Of("shadow", NewSpace.Id, docs, storeSearch),
            Baseline = InMemoryVectorCollection.Of("live", "old-space", docs, storeSearch),
            Embedder = new MapEmbeddingGenerator(newModel),
            BaselineEmbedder = new MapEmbeddingGenerator(oldModel),
            Space = NewSpace,
            GoldenQueries = GoldenScoringTests.Queries,
            Options = new VerifyOptions { K = 3, Thresholds = new VerifyThresholds { MinGoldenRecall = 0.5 } },
        };

        var report = await Verifier.RunAsync(request);

        var quality = report.Quality!;
        var fresh = Assert.Single(quality.Golden, g => g.Side == GoldenMetrics.New);
        Assert.Equal(0.75, fresh.RecallAtK, 6);
        Assert.Equal(0.6111111111, fresh.Mrr, 6);
        Assert.Equal(0.5950966352, fresh.NdcgAtK, 6);

        // Old: q1 d1 d3 (2/2), q2 d4 (1/1), q3 d6 d5 d1 (3/4): recall 2.75 / 3, every first hit at rank 1, ideal order.
        var old = Assert.Single(quality.Golden, g => g.Side == GoldenMetrics.Old);
        Assert.Equal(2.75 / 3, old.RecallAtK, 6);
        Assert.Equal(1.0, old.Mrr, 6);
        Assert.Equal(1.0, old.NdcgAtK, 6);

        Assert.True(Assert.Single(report.Checks, c => c.Name == "goldenRecall").Passed);
        var versusOld = Assert.Single(report.Checks, c => c.Name == "goldenRecallVsOld");
        Assert.False(versusOld.Passed);
        Assert.Equal(0.75, versusOld.Value, 6);
        Assert.Equal("≥ 0.95 × old = 0.871", versusOld.Threshold);
        Assert.Equal("old-space", report.BaselineSpaceId);
        Assert.Equal(storeSearch ? "store" : "exact", quality.Search);
    }

    [Fact]
    public async Task RunAsync_NoBaselineEmbedder_OnlyNewSideAndNoRatioCheck()
    {
        var docs = Enumerable.Range(1, 6).Select(i => ($"d{i}", Axis(i))).ToList();
        var model = docs.ToDictionary(d => $"text of {d.Item1}", d => d.Item2);
        model["q"] = Axis(2);
        var request = new VerifyRequest
        {
            Source = new ListSource(docs.Select(d => (d.Item1, (string?)$"text of {d.Item1}"))),
            Candidate = InMemoryVectorCollection.Of("shadow", NewSpace.Id, docs),
            Baseline = InMemoryVectorCollection.Of("live", "old-space", docs),
            Embedder = new MapEmbeddingGenerator(model),
            Space = NewSpace,
            GoldenQueries = [new GoldenQuery("q", ["d2"])],
            Options = new VerifyOptions { K = 3 },
        };

        var report = await Verifier.RunAsync(request);

        var golden = Assert.Single(report.Quality!.Golden);
        Assert.Equal(GoldenMetrics.New, golden.Side);
        Assert.Equal(1.0, golden.Mrr);
        Assert.Contains(report.Checks, c => c.Name == "goldenRecall" && c.Passed);
        Assert.DoesNotContain(report.Checks, c => c.Name == "goldenRecallVsOld");
    }

    private static float[] Axis(int i)
    {
        var vector = new float[6];
        vector[i - 1] = 1;
        return vector;
    }
}
