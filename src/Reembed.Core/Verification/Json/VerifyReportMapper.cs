namespace Reembed.Verification.Json;

/// <summary>
/// <see cref="VerifyReport"/> to <see cref="VerifyReportDocument"/>. JSON has no NaN or infinity: such values become
/// null, which says "not measured" without breaking parsers.
/// </summary>
internal static class VerifyReportMapper
{
    public static VerifyReportDocument ToDocument(VerifyReport report, string? reportPath, int? exitCode) => new()
    {
        Passed = report.Passed,
        JobId = report.JobId,
        At = report.At,
        Candidate = report.Candidate,
        Baseline = report.Baseline,
        Space = new SpaceDocument(report.SpaceId, report.SpaceDescription),
        BaselineSpaceId = report.BaselineSpaceId,
        Checks = [.. report.Checks.Select(static c => new CheckDocument(c.Name, c.Group, Finite(c.Value), c.Threshold, c.Passed, c.Detail))],
        Metrics = new MetricsDocument(ToDocument(report.Structure), report.Quality is { } quality ? ToDocument(quality) : null),
        ReportPath = reportPath,
        ExitCode = exitCode,
    };

    private static StructureDocument ToDocument(StructureMetrics s) => new()
    {
        SourceRecords = s.SourceRecords,
        TargetVectors = s.TargetVectors,
        Missing = s.Missing,
        MissingSample = s.MissingSample,
        MissingLedgered = s.MissingLedgered,
        Extra = s.Extra,
        DuplicateKeys = s.DuplicateKeys,
        Dimensions = s.Dimensions,
        WrongDimensions = s.WrongDimensions,
        NonFinite = s.NonFinite,
        ZeroVectors = s.ZeroVectors,
        SpaceIds = s.SpaceIds,
        Norms = ToDocument(s.Norms),
    };

    private static QualityDocument ToDocument(QualityMetrics q) => new()
    {
        SampleSize = q.SampleSize,
        K = q.K,
        Seed = q.Seed,
        Search = q.Search,
        Overlap = q.Overlap is { } overlap ? ToDocument(overlap) : null,
        SelfHitRate = Finite(q.SelfHitRate),
        SelfMeanRank = Finite(q.SelfMeanRank),
        NewTopScores = ToDocument(q.NewTopScores),
        OldTopScores = q.OldTopScores is { } old ? ToDocument(old) : null,
        Golden = [.. q.Golden.Select(static g => new GoldenDocument(g.Side, g.Queries, g.K, Finite(g.RecallAtK), Finite(g.Mrr), Finite(g.NdcgAtK)))],
    };

    private static DistributionDocument ToDocument(Distribution d) => new()
    {
        Count = d.Count,
        Min = Finite(d.Min),
        Max = Finite(d.Max),
        Mean = Finite(d.Mean),
        P05 = Finite(d.P05),
        Median = Finite(d.Median),
        P95 = Finite(d.P95),
        Histogram = [.. d.Histogram.Select(static b => new HistogramBinDocument(Finite(b.Lower), Finite(b.Upper), b.Count))],
    };

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
