using Reembed.Hashing;
using Reembed.Testing.Verification;

namespace Reembed.Tests.Verification;

/// <summary>
/// The default thresholds on real text (1,500 Debian descriptions): a model change that keeps meaning passes with
/// margin, vectors that have lost their relation to the text fail on quality. The figures behind the defaults are in
/// the XML docs of <see cref="VerifyThresholds"/>.
/// </summary>
public class VerifierCalibrationTests
{
    private const int Records = 1500;

    [Fact]
    public async Task RunAsync_GoodMigration_PassesWithMargin()
    {
        var scenario = await CalibrationScenario.LoadAsync(Records);
        var request = await scenario.RequestAsync(await scenario.GoodCandidateAsync(), HashingEmbedder.Create(CalibrationScenario.NewModel));

        var report = await Verifier.RunAsync(request);

        var defaults = new VerifyThresholds();
        Assert.True(report.Passed, string.Join("; ", report.Checks.Where(c => !c.Passed).Select(c => c.Name)));
        Assert.InRange(report.Quality!.SelfHitRate, 0.98, 1.0);
        Assert.InRange(report.Quality.Overlap!.Mean, 2 * defaults.MinMeanOverlap, 1.0);
        Assert.Equal(200, report.Quality.SampleSize);
        Assert.Equal("exact", report.Quality.Search);
    }

    [Fact]
    public async Task RunAsync_RandomVectorsForTheTexts_FailsSelfRetrievalAndOverlap()
    {
        var scenario = await CalibrationScenario.LoadAsync(Records);
        var request = await scenario.RequestAsync(scenario.RandomCandidate(seed: 7), HashingEmbedder.Create(CalibrationScenario.NewModel));

        var report = await Verifier.RunAsync(request);

        AssertFailsOnQualityOnly(report);
    }

    [Fact]
    public async Task RunAsync_ModelAnsweringAtRandom_FailsSelfRetrievalAndOverlap()
    {
        var scenario = await CalibrationScenario.LoadAsync(Records);
        var model = new RandomEmbeddingGenerator(scenario.NewSpace.Dimensions, seed: 11);
        var written = await CalibrationScenario.EmbedAsync(model, scenario.Records);

        var report = await Verifier.RunAsync(await scenario.RequestAsync(written, model));

        AssertFailsOnQualityOnly(report);
    }

    private static void AssertFailsOnQualityOnly(VerifyReport report)
    {
        Assert.False(report.Passed);
        Assert.All(report.Checks.Where(c => c.Group == VerifyCheck.Structure), c => Assert.True(c.Passed, c.Name));
        var self = Assert.Single(report.Checks, c => c.Name == "selfHitRate");
        var overlap = Assert.Single(report.Checks, c => c.Name == "meanOverlap");
        Assert.False(self.Passed);
        Assert.False(overlap.Passed);
        Assert.InRange(self.Value, 0, 0.1);
        Assert.InRange(overlap.Value, 0, 0.05);
    }
}
