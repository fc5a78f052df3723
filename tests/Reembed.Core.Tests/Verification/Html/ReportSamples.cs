namespace Reembed.Tests.Verification.Html;

/// <summary>Verification reports built by hand, with histograms of known counts, for the HTML report's tests.</summary>
internal static class ReportSamples
{
    public const string HostileKey = "<script>alert(\"pwned\")</script>'&";

    /// <summary>The norm histogram's counts: bars whose heights must stand in these ratios.</summary>
    public static readonly long[] NormCounts = [1, 2, 4, 8];

    public static VerifyReport Passing() => new()
    {
        JobId = "job-0001",
        At = new DateTimeOffset(2026, 11, 21, 10, 30, 0, TimeSpan.Zero),
        Candidate = "sqlite out/v.db table vectors__reembed_0123456789abcdef",
        Baseline = "sqlite out/v.db table vectors",
        SpaceId = "0123456789abcdef",
        SpaceDescription = "hashing/hashing-v1 384d l2",
        BaselineSpaceId = "fedcba9876543210",
        Structure = Structure(missing: 0, sample: []),
        Quality = Quality(),
        Checks =
        [
            new VerifyCheck("missing", VerifyCheck.Structure, 0, "= 0", true),
            new VerifyCheck("nonFinite", VerifyCheck.Structure, 0, "= 0", true),
            new VerifyCheck("overlapAtK", VerifyCheck.Quality, 0.72, "≥ 0.50", true, "median overlap@10 of 200 records"),
            new VerifyCheck("selfHitRate", VerifyCheck.Quality, 0.985, "≥ 0.90", true),
        ],
    };

    public static VerifyReport Failing() => Passing() with
    {
        Structure = Structure(missing: 3, sample: ["pkg-a", HostileKey, "pkg-c"]),
        Checks =
        [
            new VerifyCheck("missing", VerifyCheck.Structure, 3, "= 0", false, $"first missing: pkg-a, {HostileKey}, pkg-c"),
            new VerifyCheck("nonFinite", VerifyCheck.Structure, 0, "= 0", true),
            new VerifyCheck("goldenRecall", VerifyCheck.Quality, 0.61, "≥ 0.95 × old", false, "recall@10 0.61 vs old 0.80"),
        ],
    };

    /// <summary>Equal-width bins from <paramref name="min"/> to <paramref name="max"/> holding <paramref name="counts"/>.</summary>
    public static Distribution Distribution(double min, double max, params long[] counts)
    {
        var width = (max - min) / counts.Length;
        var bins = counts.Select((c, i) => new HistogramBin(min + i * width, i == counts.Length - 1 ? max : min + (i + 1) * width, c)).ToList();
        return new Distribution
        {
            Count = counts.Sum(),
            Min = min,
            Max = max,
            Mean = (min + max) / 2,
            P05 = min,
            Median = (min + max) / 2,
            P95 = max,
            Histogram = bins,
        };
    }

    private static StructureMetrics Structure(long missing, IReadOnlyList<string> sample) => new()
    {
        SourceRecords = 63_905,
        TargetVectors = 63_905 - missing,
        Missing = missing,
        MissingSample = sample,
        MissingLedgered = Math.Min(missing, 1),
        Extra = 0,
        DuplicateKeys = 0,
        Dimensions = 384,
        WrongDimensions = 0,
        NonFinite = 0,
        ZeroVectors = 0,
        SpaceIds = ["0123456789abcdef"],
        Norms = Distribution(0.96, 1.04, NormCounts),
    };

    private static QualityMetrics Quality() => new()
    {
        SampleSize = 200,
        K = 10,
        Seed = 42,
        Search = "exact",
        Overlap = Distribution(0, 1, 2, 5, 9, 14, 20, 30, 40, 35, 25, 20),
        SelfHitRate = 0.985,
        SelfMeanRank = 1.12,
        NewTopScores = Distribution(0.5, 1, 3, 8, 20, 45, 60, 40, 24),
        OldTopScores = Distribution(0.4, 0.95, 6, 15, 35, 55, 50, 25, 14),
        Golden =
        [
            new GoldenMetrics(GoldenMetrics.New, 25, 10, 0.84, 0.71, 0.77),
            new GoldenMetrics(GoldenMetrics.Old, 25, 10, 0.80, 0.69, 0.74),
        ],
    };
}
