using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reembed.Tests.Verification.Json;

namespace Reembed.Tests.Verification;

/// <summary>
/// The JSON of a <see cref="VerifyReport"/>, byte for byte, in the two forms the tool writes: compact with the default
/// encoder (what <c>verify</c> stores as the verification's metrics) and indented with relaxed escaping plus
/// <c>reportPath</c> and <c>exitCode</c> (what <c>verify --json</c> prints). Held to <see cref="LegacyVerifyReportJson"/>,
/// the hand-written writer as it was, and for two hand-built reports to bytes recorded from it.
/// </summary>
public partial class VerifyReportJsonGoldenTests
{
    private const string ReportPath = "/tmp/out dir/verify-job ü.html";
    private const int ExitCode = 1;

    private static readonly JsonWriterOptions Printed = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Samples => [.. VerifyReportSamples.Names];

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
    public async Task Write_EdgesStored_IsTheRecordedBytes()
    {
        var report = await VerifyReportSamples.CreateAsync("edges");

        Assert.Equal(EdgesStored, Stored(VerifyReportJson.Write, report));
    }

    [Fact]
    public async Task Write_EdgesPrinted_IsTheRecordedBytes()
    {
        var report = await VerifyReportSamples.CreateAsync("edges");

        Assert.Equal(EdgesPrinted, Print(VerifyReportJson.Write, report));
    }

    [Fact]
    public async Task Write_BareStoredAndPrinted_AreTheRecordedBytes()
    {
        var report = await VerifyReportSamples.CreateAsync("bare");

        Assert.Equal(BareStored, Stored(VerifyReportJson.Write, report));
        Assert.Equal(BarePrinted, Print(VerifyReportJson.Write, report));
    }

    /// <summary>As <c>VerifyVerb</c> stores it: <c>{</c>, the report, <c>}</c> through a default writer.</summary>
    private static string Stored(Action<Utf8JsonWriter, VerifyReport> write, VerifyReport report) =>
        Frame(default, writer => write(writer, report));

    /// <summary>As <c>verify --json</c> prints it (without the newline the CLI adds after the document).</summary>
    private static string Print(Action<Utf8JsonWriter, VerifyReport> write, VerifyReport report) =>
        Frame(Printed, writer =>
        {
            write(writer, report);
            writer.WriteString("reportPath", ReportPath);
            writer.WriteNumber("exitCode", ExitCode);
        });

    private static string Frame(JsonWriterOptions options, Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
