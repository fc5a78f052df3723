using System.Text.Json;

namespace Reembed.Tests.Verification.Json;

/// <summary>
/// The hand-written writer that <c>VerifyReportJson</c> was before it serialised typed documents, copied verbatim
/// (commit 4e6ad14) as the oracle the golden tests hold the serialiser to, byte for byte. Do not "fix" it.
/// </summary>
internal static class LegacyVerifyReportJson
{
    /// <summary>
    /// Writes the report's properties into the JSON object the writer has open: <c>passed</c>, <c>jobId</c>, <c>at</c>,
    /// <c>candidate</c>, <c>baseline</c>, <c>space</c>, <c>baselineSpaceId</c>, <c>checks</c> and <c>metrics</c>
    /// (<c>structure</c>, and <c>quality</c> or null).
    /// </summary>
    public static void Write(Utf8JsonWriter writer, VerifyReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteBoolean("passed", report.Passed);
        writer.WriteString("jobId", report.JobId);
        writer.WriteString("at", report.At);
        writer.WriteString("candidate", report.Candidate);
        writer.WriteString("baseline", report.Baseline);
        writer.WriteStartObject("space");
        writer.WriteString("id", report.SpaceId);
        writer.WriteString("description", report.SpaceDescription);
        writer.WriteEndObject();
        writer.WriteString("baselineSpaceId", report.BaselineSpaceId);

        writer.WriteStartArray("checks");
        foreach (var check in report.Checks)
        {
            writer.WriteStartObject();
            writer.WriteString("name", check.Name);
            writer.WriteString("group", check.Group);
            WriteNumber(writer, "value", check.Value);
            writer.WriteString("threshold", check.Threshold);
            writer.WriteBoolean("passed", check.Passed);
            writer.WriteString("detail", check.Detail);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartObject("metrics");
        WriteStructure(writer, report.Structure);
        if (report.Quality is null)
        {
            writer.WriteNull("quality");
        }
        else
        {
            WriteQuality(writer, report.Quality);
        }

        writer.WriteEndObject();
    }

    private static void WriteStructure(Utf8JsonWriter writer, StructureMetrics s)
    {
        writer.WriteStartObject("structure");
        writer.WriteNumber("sourceRecords", s.SourceRecords);
        writer.WriteNumber("targetVectors", s.TargetVectors);
        writer.WriteNumber("missing", s.Missing);
        WriteStrings(writer, "missingSample", s.MissingSample);
        writer.WriteNumber("missingLedgered", s.MissingLedgered);
        writer.WriteNumber("extra", s.Extra);
        writer.WriteNumber("duplicateKeys", s.DuplicateKeys);
        writer.WriteNumber("dimensions", s.Dimensions);
        writer.WriteNumber("wrongDimensions", s.WrongDimensions);
        writer.WriteNumber("nonFinite", s.NonFinite);
        writer.WriteNumber("zeroVectors", s.ZeroVectors);
        WriteStrings(writer, "spaceIds", s.SpaceIds);
        WriteDistribution(writer, "norms", s.Norms);
        writer.WriteEndObject();
    }

    private static void WriteQuality(Utf8JsonWriter writer, QualityMetrics q)
    {
        writer.WriteStartObject("quality");
        writer.WriteNumber("sampleSize", q.SampleSize);
        writer.WriteNumber("k", q.K);
        writer.WriteNumber("seed", q.Seed);
        writer.WriteString("search", q.Search);
        WriteDistribution(writer, "overlap", q.Overlap);
        WriteNumber(writer, "selfHitRate", q.SelfHitRate);
        WriteNumber(writer, "selfMeanRank", q.SelfMeanRank);
        WriteDistribution(writer, "newTopScores", q.NewTopScores);
        WriteDistribution(writer, "oldTopScores", q.OldTopScores);
        writer.WriteStartArray("golden");
        foreach (var golden in q.Golden)
        {
            writer.WriteStartObject();
            writer.WriteString("side", golden.Side);
            writer.WriteNumber("queries", golden.Queries);
            writer.WriteNumber("k", golden.K);
            WriteNumber(writer, "recallAtK", golden.RecallAtK);
            WriteNumber(writer, "mrr", golden.Mrr);
            WriteNumber(writer, "ndcgAtK", golden.NdcgAtK);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteDistribution(Utf8JsonWriter writer, string name, Distribution? d)
    {
        if (d is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteNumber("count", d.Count);
        WriteNumber(writer, "min", d.Min);
        WriteNumber(writer, "max", d.Max);
        WriteNumber(writer, "mean", d.Mean);
        WriteNumber(writer, "p05", d.P05);
        WriteNumber(writer, "median", d.Median);
        WriteNumber(writer, "p95", d.P95);
        writer.WriteStartArray("histogram");
        foreach (var bin in d.Histogram)
        {
            writer.WriteStartObject();
            WriteNumber(writer, "lower", bin.Lower);
            WriteNumber(writer, "upper", bin.Upper);
            writer.WriteNumber("count", bin.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    // JSON has no NaN or infinity; null says "not measured" without breaking parsers.
    private static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
