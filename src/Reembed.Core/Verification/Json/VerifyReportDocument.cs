using System.Text.Json.Serialization;

namespace Reembed.Verification.Json;

/// <summary>
/// The JSON shape of a <see cref="VerifyReport"/>: what <c>verify</c> stores as a verification's metrics and, with
/// <see cref="ReportPath"/> and <see cref="ExitCode"/>, what <c>verify --json</c> prints. Build it with
/// <see cref="VerifyReportJson.ToDocument"/>; the property order is the JSON order.
/// </summary>
public sealed record VerifyReportDocument
{
    public required bool Passed { get; init; }

    public string? JobId { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Candidate { get; init; }

    public string? Baseline { get; init; }

    public required SpaceDocument Space { get; init; }

    public string? BaselineSpaceId { get; init; }

    public required IReadOnlyList<CheckDocument> Checks { get; init; }

    public required MetricsDocument Metrics { get; init; }

    /// <summary>Where the HTML report was written; left out of the JSON when null (the stored form).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReportPath { get; init; }

    /// <summary>The verb's exit code; left out of the JSON when null (the stored form).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ExitCode { get; init; }
}
