using Reembed.Testing;
using Reembed.Testing.Verification;

namespace Reembed.Tests.Verification;

public class VerifierStructureTests
{
    private static readonly EmbeddingSpace Space = new("test", "m", 4, normalized: true);

    [Fact]
    public async Task RunAsync_EveryKindOfFault_CountedAndChecksFail()
    {
        // Eligible: a b d e f g (c has no text). Candidate faults: a twice, b NaN, d zero, e 3 dims, f another space, x extra; g missing.
        var source = new ShardedListSource(
            [("a", "A"), ("b", "B"), ("c", null), ("d", "D")],
            [("e", "E"), ("f", "F"), ("g", "G")]);
        var candidate = new InMemoryVectorCollection("shadow",
        [
            new StoredVector("a", [1, 0, 0, 0], null, Space.Id),
            new StoredVector("a", [1, 0, 0, 0], null, Space.Id),
            new StoredVector("b", [float.NaN, 0, 0, 0], null, Space.Id),
            new StoredVector("d", [0, 0, 0, 0], null, Space.Id),
            new StoredVector("e", [1, 2, 3], null, Space.Id),
            new StoredVector("f", [0, 1, 0, 0], null, "other"),
            new StoredVector("x", [0, 0, 2, 0], null, Space.Id),
        ]);

        var report = await Verifier.RunAsync(Request(source, candidate, ledgered: new HashSet<string> { "g", "zz" }));

        var s = report.Structure;
        Assert.Equal(6, s.SourceRecords);
        Assert.Equal(7, s.TargetVectors);
        Assert.Equal(1, s.Missing);
        Assert.Equal(["g"], s.MissingSample);
        Assert.Equal(1, s.MissingLedgered);
        Assert.Equal(1, s.Extra);
        Assert.Equal(1, s.DuplicateKeys);
        Assert.Equal(4, s.Dimensions);
        Assert.Equal(1, s.WrongDimensions);
        Assert.Equal(1, s.NonFinite);
        Assert.Equal(1, s.ZeroVectors);
        Assert.Equal(new[] { "other", Space.Id }.Order(StringComparer.Ordinal), s.SpaceIds);
        Assert.Equal(5, s.Norms.Count);
        Assert.Equal(0, s.Norms.Min);
        Assert.Equal(2, s.Norms.Max);
        Assert.Equal(
            ["missing", "nonFinite", "zeroVectors", "duplicateKeys", "wrongDimensions", "space"],
            report.Checks.Where(c => c.Group == VerifyCheck.Structure).Select(c => c.Name));
        Assert.All(report.Checks.Where(c => c.Group == VerifyCheck.Structure), c => Assert.False(c.Passed, c.Name));
        Assert.Contains("1 of them in the failures ledger", report.Checks[0].Detail, StringComparison.Ordinal);
        Assert.False(report.Passed);
    }

    [Fact]
    public async Task RunAsync_FaultsWithinRaisedThresholds_ThoseChecksPass()
    {
        var source = new ShardedListSource([("a", "A"), ("b", "B"), ("c", "C")]);
        var candidate = InMemoryVectorCollection.Of("shadow", Space.Id,
            [("a", [1, 0, 0, 0]), ("a", [1, 0, 0, 0]), ("b", [float.PositiveInfinity, 0, 0, 0])]);
        var thresholds = new VerifyThresholds { MaxMissing = 1, MaxDuplicateKeys = 1, MaxNonFinite = 1, MinSelfHitRate = 0 };

        var report = await Verifier.RunAsync(Request(source, candidate, thresholds: thresholds));

        var missing = Assert.Single(report.Checks, c => c.Name == "missing");
        Assert.True(missing.Passed);
        Assert.Equal("≤ 1", missing.Threshold);
        Assert.Equal(1, missing.Value);
        Assert.True(report.Passed);
    }

    [Fact]
    public async Task RunAsync_ManyMissing_SampleIsFirstTwentyInSourceOrderAcrossShards()
    {
        var first = Enumerable.Range(0, 15).Select(i => ($"z{i:00}", (string?)"t")).ToList();
        var second = Enumerable.Range(0, 15).Select(i => ($"a{i:00}", (string?)"t")).ToList();
        var source = new ShardedListSource(first, second);
        var candidate = InMemoryVectorCollection.Of("shadow", Space.Id, [("z03", [1, 0, 0, 0])]);

        var report = await Verifier.RunAsync(Request(source, candidate));

        Assert.Equal(29, report.Structure.Missing);
        Assert.Equal(
            [.. first.Select(r => r.Item1).Where(k => k != "z03"), .. second.Take(6).Select(r => r.Item1)],
            report.Structure.MissingSample);
    }

    [Fact]
    public async Task RunAsync_EmptyCandidate_NoQualityAndSpaceCheckPasses()
    {
        var source = new ShardedListSource([("a", "A")]);
        var candidate = new InMemoryVectorCollection("shadow", []);

        var report = await Verifier.RunAsync(Request(source, candidate));

        Assert.Null(report.Quality);
        Assert.True(Assert.Single(report.Checks, c => c.Name == "space").Passed);
        Assert.False(Assert.Single(report.Checks, c => c.Name == "missing").Passed);
        Assert.Equal(0, report.Structure.Norms.Count);
        Assert.True(double.IsNaN(report.Structure.Norms.Median));
    }

    [Fact]
    public async Task RunAsync_VectorsWithoutSpaceTag_SpaceCheckFails()
    {
        var source = new ShardedListSource([("a", "A")]);
        var candidate = InMemoryVectorCollection.Of("shadow", spaceId: null, [("a", [1, 0, 0, 0])]);

        var report = await Verifier.RunAsync(Request(source, candidate));

        var space = Assert.Single(report.Checks, c => c.Name == "space");
        Assert.False(space.Passed);
        Assert.Empty(report.Structure.SpaceIds);
    }

    [Fact]
    public async Task RunAsync_CompleteCandidate_AllPass()
    {
        var records = Enumerable.Range(0, 30).Select(i => ($"k{i}", $"text {i}")).ToList();
        var source = new ShardedListSource(records.Select(r => (r.Item1, (string?)r.Item2)));
        var candidate = InMemoryVectorCollection.Of("shadow", Space.Id, records.Select(r => (r.Item1, FakeEmbeddingGenerator.VectorFor(r.Item2, 4))));

        var report = await Verifier.RunAsync(Request(source, candidate));

        Assert.True(report.Passed, string.Join(", ", report.Checks.Where(c => !c.Passed).Select(c => c.Name)));
        Assert.Equal(1.0, report.Quality!.SelfHitRate);
        Assert.Null(report.Quality.Overlap);
        Assert.DoesNotContain(report.Checks, c => c.Name == "meanOverlap");
    }

    internal static VerifyRequest Request(
        RecordSource source, VectorCollection candidate, IReadOnlySet<string>? ledgered = null, VerifyThresholds? thresholds = null) => new()
    {
        Source = source,
        Candidate = candidate,
        Embedder = new FakeEmbeddingGenerator(4),
        Space = Space,
        LedgeredKeys = ledgered ?? new HashSet<string>(),
        Options = new VerifyOptions { K = 3, Thresholds = thresholds ?? new VerifyThresholds() },
    };
}
