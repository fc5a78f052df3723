using Reembed.Testing;
using Reembed.Testing.Verification;

namespace Reembed.Tests.Verification.Json;

/// <summary>
/// Reports for the JSON golden tests: some run end to end by <see cref="Verifier"/> (pass, fail, with and without a
/// baseline, golden queries on both sides, missing and ledgered ids, an empty candidate), and two built by hand to reach
/// what a run rarely does (NaN and infinities, -0, extremes of long and double, odd characters, a date with an offset).
/// </summary>
internal static class VerifyReportSamples
{
    public static readonly string[] Names =
        ["passed", "goldenBothSides", "missingNoBaseline", "emptyCandidate", "edges", "bare"];

    private static readonly EmbeddingSpace Space = new("test", "new", 6, normalized: true);

    private static readonly DateTimeOffset At = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    public static async Task<VerifyReport> CreateAsync(string name) => name switch
    {
        "passed" => await PassedAsync(),
        "goldenBothSides" => await GoldenBothSidesAsync(),
        "missingNoBaseline" => await MissingNoBaselineAsync(),
        "emptyCandidate" => await EmptyCandidateAsync(),
        "edges" => Edges(),
        "bare" => Bare(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>Candidate and baseline the same vectors, one golden query found first: every check passes.</summary>
    private static Task<VerifyReport> PassedAsync()
    {
        var docs = Docs(6);
        var model = Model(docs);
        model["q"] = Axis(2);
        return Verifier.RunAsync(new VerifyRequest
        {
            Source = Source(docs),
            Candidate = InMemoryVectorCollection.Of("shadow", Space.Id, docs),
            Baseline = InMemoryVectorCollection.Of("live", "old-space", docs),
            Embedder = new MapEmbeddingGenerator(model),
            Space = Space,
            GoldenQueries = [new GoldenQuery("q", ["d2"])],
            JobId = "job-pass",
            Options = new VerifyOptions { K = 3 },
            Time = new ManualTimeProvider(At),
        });
    }

    /// <summary>The golden worked example, store search, old model configured: golden metrics on both sides, the ratio check fails.</summary>
    private static Task<VerifyReport> GoldenBothSidesAsync()
    {
        var docs = Docs(6);
        var newModel = Model(docs);
        newModel["q1"] = [0.9f, 0.8f, 0.7f, 0.1f, 0.05f, 0.01f];
        newModel["q2"] = [0.03f, 0.9f, 0.02f, 0.8f, 0.7f, 0.01f];
        newModel["q3"] = [0.01f, 0.02f, 0.9f, 0.8f, 0.03f, 0.7f];
        var oldModel = new Dictionary<string, float[]>
        {
            ["q1"] = [0.9f, 0.02f, 0.8f, 0.01f, 0.03f, 0.04f],
            ["q2"] = [0.01f, 0.02f, 0.03f, 0.9f, 0.04f, 0.05f],
            ["q3"] = [0.7f, 0.01f, 0.02f, 0.03f, 0.8f, 0.9f],
        };
        return Verifier.RunAsync(new VerifyRequest
        {
            Source = Source(docs),
            Candidate = InMemoryVectorCollection.Of("shadow", Space.Id, docs, canSearch: true),
            Baseline = InMemoryVectorCollection.Of("live", "old-space", docs, canSearch: true),
            Embedder = new MapEmbeddingGenerator(newModel),
            BaselineEmbedder = new MapEmbeddingGenerator(oldModel),
            Space = Space,
            GoldenQueries = GoldenScoringTests.Queries,
            JobId = "job-golden",
            Options = new VerifyOptions { K = 3, Thresholds = new VerifyThresholds { MinGoldenRecall = 0.5 } },
            Time = new ManualTimeProvider(At.AddTicks(1_234_567)),
        });
    }

    /// <summary>Three of six source records missing, one of them in the failures ledger; a vector of the wrong space; no baseline.</summary>
    private static Task<VerifyReport> MissingNoBaselineAsync()
    {
        var docs = Docs(6);
        var stored = docs.Take(3).Select(d => new StoredVector(d.Key, d.Vector, null, d.Key == "d3" ? "stray-space" : Space.Id));
        return Verifier.RunAsync(new VerifyRequest
        {
            Source = Source(docs),
            Candidate = new InMemoryVectorCollection("shadow", stored),
            Embedder = new MapEmbeddingGenerator(Model(docs)),
            Space = Space,
            LedgeredKeys = new HashSet<string> { "d5" },
            Options = new VerifyOptions { K = 2 },
            Time = new ManualTimeProvider(new DateTimeOffset(2024, 12, 31, 23, 59, 59, 999, TimeSpan.FromHours(-5))),
        });
    }

    /// <summary>No vectors at all: no quality section, empty (NaN) norms.</summary>
    private static Task<VerifyReport> EmptyCandidateAsync()
    {
        var docs = Docs(2);
        return Verifier.RunAsync(new VerifyRequest
        {
            Source = Source(docs),
            Candidate = InMemoryVectorCollection.Of("shadow", Space.Id, []),
            Baseline = InMemoryVectorCollection.Of("live", "old-space", docs),
            Embedder = new MapEmbeddingGenerator(Model(docs)),
            Space = Space,
            JobId = "job-empty",
            Time = new ManualTimeProvider(At),
        });
    }

    private static VerifyReport Edges() => new()
    {
        JobId = "job \"edge\" \\ /",
        At = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(5.5)).AddTicks(1_234_500),
        Candidate = "sqlite C:\\data\\v.db table <vectors> & 'x' — é ≥ 😀 \u0001\t\n\u2028",
        Baseline = "memory live",
        SpaceId = "0123456789abcdef",
        SpaceDescription = "test/new dims=4 norm=l2 \"quoted\" +",
        BaselineSpaceId = "old-space",
        Structure = new StructureMetrics
        {
            SourceRecords = long.MaxValue, TargetVectors = long.MinValue, Missing = 3, MissingSample = ["a\"b", "ü", ""],
            MissingLedgered = 1, Extra = 0, DuplicateKeys = 2, Dimensions = int.MaxValue, WrongDimensions = int.MinValue,
            NonFinite = 1, ZeroVectors = 0, SpaceIds = ["0123456789abcdef", "old-space"],
            Norms = new Distribution
            {
                Count = 3, Min = -0.0, Max = double.MaxValue, Mean = 1.0, P05 = double.Epsilon, Median = 0.1, P95 = 1e-7,
                Histogram =
                [
                    new HistogramBin(-0.0, 0.1, 1),
                    new HistogramBin(0.1, double.PositiveInfinity, 2),
                    new HistogramBin(double.NegativeInfinity, double.NaN, 0),
                ],
            },
        },
        Quality = new QualityMetrics
        {
            SampleSize = 3, K = 2, Seed = -42, Search = "exact", Overlap = null,
            SelfHitRate = double.NaN, SelfMeanRank = double.PositiveInfinity,
            NewTopScores = new Distribution
            {
                Count = 0, Min = double.NaN, Max = double.NaN, Mean = double.NaN, P05 = double.NaN, Median = double.NaN, P95 = double.NaN, Histogram = [],
            },
            OldTopScores = new Distribution
            {
                Count = 4, Min = 1.0 / 3, Max = 2.0 / 3, Mean = 0.1 + 0.2, P05 = 123456789012345.6, Median = 1e21, P95 = 1.5e-300,
                Histogram = [new HistogramBin(1.0 / 3, 2.0 / 3, 4)],
            },
            Golden = [new GoldenMetrics(GoldenMetrics.New, 3, 2, 0.75, double.NaN, 1), new GoldenMetrics(GoldenMetrics.Old, 0, 0, double.NegativeInfinity, 0, -1.5)],
        },
        Checks =
        [
            new VerifyCheck("missing", VerifyCheck.Structure, 3, "= 0", false, "3 missing (1 in the failures ledger); first: a\"b, ü"),
            new VerifyCheck("selfHitRate", VerifyCheck.Quality, double.NaN, "≥ 0.9", false),
            new VerifyCheck("goldenRecallVsOld", VerifyCheck.Quality, double.NegativeInfinity, "≥ 0.95 × old = 0.871", true, string.Empty),
            new VerifyCheck("overlapAtK", VerifyCheck.Quality, 0.95, "≥ 0.80", true),
        ],
    };

    private static VerifyReport Bare() => new()
    {
        At = DateTimeOffset.UnixEpoch,
        Candidate = "c",
        SpaceId = "s",
        SpaceDescription = "d",
        Structure = new StructureMetrics
        {
            SourceRecords = 0, TargetVectors = 0, Missing = 0, MissingSample = [], MissingLedgered = 0, Extra = 0, DuplicateKeys = 0,
            Dimensions = 0, WrongDimensions = 0, NonFinite = 0, ZeroVectors = 0, SpaceIds = [],
            Norms = new Distribution
            {
                Count = 0, Min = double.NaN, Max = double.NaN, Mean = double.NaN, P05 = double.NaN, Median = double.NaN, P95 = double.NaN, Histogram = [],
            },
        },
        Checks = [],
    };

    private static List<(string Key, float[] Vector)> Docs(int count) =>
        [.. Enumerable.Range(1, count).Select(i => ($"d{i}", Axis(i)))];

    private static ListSource Source(IEnumerable<(string Key, float[] Vector)> docs) =>
        new(docs.Select(d => (d.Key, (string?)$"text of {d.Key}")));

    private static Dictionary<string, float[]> Model(IEnumerable<(string Key, float[] Vector)> docs) =>
        docs.ToDictionary(d => $"text of {d.Key}", d => d.Vector);

    private static float[] Axis(int i)
    {
        var vector = new float[6];
        vector[i - 1] = 1;
        return vector;
    }
}
