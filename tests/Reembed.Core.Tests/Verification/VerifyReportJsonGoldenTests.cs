using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reembed.Tests.Verification.Json;
using Reembed.Verification.Json;

namespace Reembed.Tests.Verification;

/// <summary>
/// The JSON of a <see cref="VerifyReport"/>, byte for byte, in the two forms the tool writes: compact with the default
/// encoder (what <c>verify</c> stores as the verification's metrics) and indented with relaxed escaping plus
/// <c>reportPath</c> and <c>exitCode</c> (what <c>verify --json</c> prints). Held to <see cref="LegacyVerifyReportJson"/>,
/// the hand-written writer as it was, and for two hand-built reports to bytes recorded from it. The typed serialiser
/// (<see cref="VerifyReportJson.Serialize(VerifyReport, bool, string?, int?)"/> and its overloads) and the
/// <see cref="VerifyReportJson.Write"/> adapter over it are both held to them.
/// </summary>
public partial class VerifyReportJsonGoldenTests
{
    private const string ReportPath = "/tmp/out dir/verify-job ü.html";
    private const int ExitCode = 1;

    private static readonly JsonWriterOptions Printed = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Samples => [.. VerifyReportSamples.Names];

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Serialize_StoredForm_MatchesLegacyWriter(string sample)
    {
        var report = await VerifyReportSamples.CreateAsync(sample);

        Assert.Equal(Stored(LegacyVerifyReportJson.Write, report), VerifyReportJson.Serialize(report));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Serialize_PrintedForm_MatchesLegacyWriter(string sample)
    {
        var report = await VerifyReportSamples.CreateAsync(sample);

        Assert.Equal(Print(LegacyVerifyReportJson.Write, report), VerifyReportJson.Serialize(report, indented: true, ReportPath, ExitCode));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task SerializeToUtf8Bytes_BothForms_MatchLegacyWriter(string sample)
    {
        var report = await VerifyReportSamples.CreateAsync(sample);

        Assert.Equal(Stored(LegacyVerifyReportJson.Write, report),
            Encoding.UTF8.GetString(VerifyReportJson.SerializeToUtf8Bytes(VerifyReportJson.ToDocument(report))));
        Assert.Equal(Print(LegacyVerifyReportJson.Write, report),
            Encoding.UTF8.GetString(VerifyReportJson.SerializeToUtf8Bytes(VerifyReportJson.ToDocument(report, ReportPath, ExitCode), indented: true)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task SerializeToWriter_WritersOptions_MatchLegacyWriter(string sample)
    {
        var report = await VerifyReportSamples.CreateAsync(sample);

        Assert.Equal(Stored(LegacyVerifyReportJson.Write, report),
            Whole(default, writer => VerifyReportJson.Serialize(writer, VerifyReportJson.ToDocument(report))));
        Assert.Equal(Print(LegacyVerifyReportJson.Write, report),
            Whole(Printed, writer => VerifyReportJson.Serialize(writer, VerifyReportJson.ToDocument(report, ReportPath, ExitCode))));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Write_StoredForm_MatchesLegacyWriter(string sample)
    {
        var report = await VerifyReportSamples.CreateAsync(sample);

        Assert.Equal(Stored(LegacyVerifyReportJson.Write, report), Stored(VerifyReportJson.Write, report));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Write_PrintedForm_MatchesLegacyWriter(string sample)
    {
        var report = await VerifyReportSamples.CreateAsync(sample);

        Assert.Equal(Print(LegacyVerifyReportJson.Write, report), Print(VerifyReportJson.Write, report));
    }

    [Fact]
    public async Task Samples_CoverPassAndFailAndQualityOrNot()
    {
        var reports = await Task.WhenAll(VerifyReportSamples.Names.Select(VerifyReportSamples.CreateAsync));

        Assert.Contains(reports, r => r.Passed);
        Assert.Contains(reports, r => !r.Passed);
        Assert.Contains(reports, r => r.Quality is null);
        Assert.Contains(reports, r => r.Quality is { Golden.Count: 2, Overlap: not null });
        Assert.Contains(reports, r => r.Baseline is null && r.Structure.MissingLedgered > 0);
    }

    [Fact]
    public async Task SerializeAndWrite_EdgesStored_AreTheRecordedBytes()
    {
        var report = await VerifyReportSamples.CreateAsync("edges");

        Assert.Equal(EdgesStored, VerifyReportJson.Serialize(report));
        Assert.Equal(EdgesStored, Stored(VerifyReportJson.Write, report));
    }

    [Fact]
    public async Task SerializeAndWrite_EdgesPrinted_AreTheRecordedBytes()
    {
        var report = await VerifyReportSamples.CreateAsync("edges");

        Assert.Equal(EdgesPrinted, VerifyReportJson.Serialize(report, indented: true, ReportPath, ExitCode));
        Assert.Equal(EdgesPrinted, Print(VerifyReportJson.Write, report));
    }

    [Fact]
    public async Task SerializeAndWrite_BareStoredAndPrinted_AreTheRecordedBytes()
    {
        var report = await VerifyReportSamples.CreateAsync("bare");

        Assert.Equal(BareStored, VerifyReportJson.Serialize(report));
        Assert.Equal(BarePrinted, VerifyReportJson.Serialize(report, indented: true, ReportPath, ExitCode));
        Assert.Equal(BareStored, Stored(VerifyReportJson.Write, report));
        Assert.Equal(BarePrinted, Print(VerifyReportJson.Write, report));
    }

    [Fact]
    public async Task ToDocument_OnlyReportPath_AppendsItAloneLast()
    {
        var report = await VerifyReportSamples.CreateAsync("bare");

        var json = VerifyReportJson.Serialize(report, reportPath: "r.html");

        Assert.Equal(BareStored[..^1] + ""","reportPath":"r.html"}""", json);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task StoredForm_ReadBackAndWrittenAgain_SameBytes(string sample)
    {
        var stored = VerifyReportJson.Serialize(await VerifyReportSamples.CreateAsync(sample));

        var document = JsonSerializer.Deserialize(stored, VerificationJsonContext.Default.VerifyReportDocument)!;

        Assert.Equal(stored, VerifyReportJson.Serialize(document));
        Assert.Null(document.ReportPath);
        Assert.Null(document.ExitCode);
    }

    /// <summary>As <c>VerifyVerb</c> stores it: <c>{</c>, the report, <c>}</c> through a default writer.</summary>
    private static string Stored(Action<Utf8JsonWriter, VerifyReport> write, VerifyReport report) =>
        Whole(default, writer =>
        {
            writer.WriteStartObject();
            write(writer, report);
            writer.WriteEndObject();
        });

    /// <summary>As <c>verify --json</c> prints it (without the newline the CLI adds after the document).</summary>
    private static string Print(Action<Utf8JsonWriter, VerifyReport> write, VerifyReport report) =>
        Whole(Printed, writer =>
        {
            writer.WriteStartObject();
            write(writer, report);
            writer.WriteString("reportPath", ReportPath);
            writer.WriteNumber("exitCode", ExitCode);
            writer.WriteEndObject();
        });

    private static string Whole(JsonWriterOptions options, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
