using Reembed.Testing;
using Reembed.Testing.Verification;

namespace Reembed.Tests.Verification;

public class VerifierQualityTests
{
    private const int Dimensions = 16;
    private static readonly EmbeddingSpace Space = new("test", "new", Dimensions, normalized: true);
    private static readonly List<(string Key, string? Text)> Records =
        [.. Enumerable.Range(0, 120).Select(i => ($"doc{i:000}", (string?)$"text number {i}"))];

    [Fact]
    public async Task RunAsync_StoreSearchAndExactSearch_SameMeasurements()
    {
        var exactCandidate = Collection("shadow", Space.Id, "", canSearch: false);
        var storeCandidate = Collection("shadow", Space.Id, "", canSearch: true);
        var exactBaseline = Collection("live", "old", "old ", canSearch: false);
        var storeBaseline = Collection("live", "old", "old ", canSearch: true);

        var exact = await Verifier.RunAsync(Request(exactCandidate, exactBaseline));
        var store = await Verifier.RunAsync(Request(storeCandidate, storeBaseline));

        Assert.Equal("exact", exact.Quality!.Search);
        Assert.Equal("store", store.Quality!.Search);
        Assert.Equal(2, exactCandidate.Reads);
        Assert.Equal(1, storeCandidate.Reads);
        Assert.Equal(100, storeCandidate.Searches);
        Assert.Equal(1.0, exact.Quality.SelfHitRate);
        Assert.Equal(exact.Quality.SelfHitRate, store.Quality.SelfHitRate);
        Assert.Equal(exact.Quality.Overlap!.Mean, store.Quality.Overlap!.Mean, 12);
        Assert.InRange(exact.Quality.Overlap.Mean, 0.0, 0.5);
        Assert.Equal(exact.Quality.NewTopScores.Median, store.Quality.NewTopScores.Median, 5);
        Assert.Equal(exact.Quality.OldTopScores!.Mean, store.Quality.OldTopScores!.Mean, 5);
    }

    [Fact]
    public async Task RunAsync_BaselineHoldsTheSameVectors_OverlapIsOne()
    {
        var report = await Verifier.RunAsync(Request(Collection("shadow", Space.Id, ""), Collection("live", "old", "")));

        Assert.Equal(1.0, report.Quality!.Overlap!.Mean);
        Assert.Equal(50, report.Quality.Overlap.Count);
        Assert.Equal(report.Quality.NewTopScores.Mean, report.Quality.OldTopScores!.Mean, 6);
        Assert.True(Assert.Single(report.Checks, c => c.Name == "meanOverlap").Passed);
    }

    [Fact]
    public async Task RunAsync_BaselineLacksSomeSampledKeys_OverlapOverThoseItHas()
    {
        var baseline = Collection("live", "old", "");
        baseline.Vectors.RemoveAll(v => string.CompareOrdinal(v.Key, "doc060") >= 0);

        var report = await Verifier.RunAsync(Request(Collection("shadow", Space.Id, ""), baseline, sampleSize: 120));

        Assert.Equal(60, report.Quality!.Overlap!.Count);
    }

    [Fact]
    public async Task RunAsync_BaselineWithoutUsableVectors_NoOverlapCheck()
    {
        var baseline = new InMemoryVectorCollection("live", [new StoredVector("doc001", new float[Dimensions], null, "old")]);

        var report = await Verifier.RunAsync(Request(Collection("shadow", Space.Id, ""), baseline));

        Assert.Null(report.Quality!.Overlap);
        Assert.Null(report.Quality.OldTopScores);
        Assert.DoesNotContain(report.Checks, c => c.Name == "meanOverlap");
        Assert.Equal("old", report.BaselineSpaceId);
    }

    [Fact]
    public async Task RunAsync_BaselineWithNoneOfTheSampledKeys_OverlapCheckFails()
    {
        var baseline = InMemoryVectorCollection.Of("live", "old", [("elsewhere", FakeEmbeddingGenerator.VectorFor("x", 5))]);

        var report = await Verifier.RunAsync(Request(Collection("shadow", Space.Id, ""), baseline));

        var overlap = Assert.Single(report.Checks, c => c.Name == "meanOverlap");
        Assert.False(overlap.Passed);
        Assert.True(double.IsNaN(overlap.Value));
        Assert.Contains("none of the sampled keys", overlap.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LargeSample_EmbedsInBatchesOfAtMost64()
    {
        var embedder = new MapEmbeddingGenerator(Records.ToDictionary(r => r.Text!, r => FakeEmbeddingGenerator.VectorFor(r.Text!, Dimensions)));
        var request = Request(Collection("shadow", Space.Id, ""), baseline: null, sampleSize: 150);

        var report = await Verifier.RunAsync(new VerifyRequest
        {
            Source = request.Source, Candidate = request.Candidate, Embedder = embedder, Space = Space, Options = request.Options,
        });

        Assert.Equal(120, report.Quality!.SampleSize);
        Assert.Equal(64, embedder.LargestBatch);
        Assert.Equal(2, embedder.Calls);
        Assert.Equal(1.0, report.Quality.SelfHitRate);
    }

    [Fact]
    public async Task RunAsync_EmbedderOfAnotherLength_ConfigErrorNamingTheKey()
    {
        var request = Request(Collection("shadow", Space.Id, ""), baseline: null);

        var error = await Assert.ThrowsAsync<ReembedException>(() => Verifier.RunAsync(new VerifyRequest
        {
            Source = request.Source, Candidate = request.Candidate, Embedder = new FakeEmbeddingGenerator(8), Space = Space,
        }));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal("embedder.dimensions", error.Subject);
    }

    [Fact]
    public async Task RunAsync_SampledKeysNotInSource_LeftOutOfSelfRetrieval()
    {
        var candidate = Collection("shadow", Space.Id, "");
        candidate.Vectors.Add(new StoredVector("stray", FakeEmbeddingGenerator.VectorFor("stray", Dimensions), null, Space.Id));

        var report = await Verifier.RunAsync(Request(candidate, baseline: null, sampleSize: 200));

        Assert.Equal(121, report.Quality!.SampleSize);
        Assert.Equal(1.0, report.Quality.SelfHitRate);
        Assert.Contains("120 sampled texts", Assert.Single(report.Checks, c => c.Name == "selfHitRate").Detail, StringComparison.Ordinal);
        Assert.Equal(1, report.Structure.Extra);
    }

    [Theory]
    [InlineData(0, 10, 0.9, "verify.sampleSize")]
    [InlineData(10, 0, 0.9, "verify.k")]
    [InlineData(10, 10, 1.5, "verify.thresholds.minSelfHitRate")]
    public async Task RunAsync_InvalidOptions_ConfigErrorNamingTheKey(int sampleSize, int k, double minSelfHitRate, string key)
    {
        var request = Request(Collection("shadow", Space.Id, ""), baseline: null);
        var options = new VerifyOptions { SampleSize = sampleSize, K = k, Thresholds = new VerifyThresholds { MinSelfHitRate = minSelfHitRate } };

        var error = await Assert.ThrowsAsync<ReembedException>(() => Verifier.RunAsync(new VerifyRequest
        {
            Source = request.Source, Candidate = request.Candidate, Embedder = request.Embedder, Space = Space, Options = options,
        }));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal(key, error.Subject);
    }

    private static InMemoryVectorCollection Collection(string name, string spaceId, string textPrefix, bool canSearch = false) =>
        InMemoryVectorCollection.Of(name, spaceId, Records.Select(r => (r.Key, FakeEmbeddingGenerator.VectorFor(textPrefix + r.Text, Dimensions))), canSearch);

    private static VerifyRequest Request(VectorCollection candidate, VectorCollection? baseline, int sampleSize = 50) => new()
    {
        Source = new ListSource(Records),
        Candidate = candidate,
        Baseline = baseline,
        Embedder = new FakeEmbeddingGenerator(Dimensions),
        Space = Space,
        Options = new VerifyOptions { SampleSize = sampleSize, K = 5 },
    };
}
