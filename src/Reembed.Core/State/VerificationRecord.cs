namespace Reembed;

/// <summary>
/// One <c>verify</c> of a job's output, as the state store keeps it: <c>swap</c> refuses unless the
/// latest of the job passed and verified the table/file being swapped in.
/// </summary>
/// <param name="JobId">The job whose output was verified.</param>
/// <param name="At">When the verification finished.</param>
/// <param name="Passed">The verdict.</param>
/// <param name="Candidate">The table/file name verified (within the target).</param>
/// <param name="SpaceId">The space verified.</param>
/// <param name="MetricsJson">
/// The report's JSON in its stored form, <see cref="VerifyReportJson.Serialize(VerifyReport, bool, string?, int?)"/>:
/// compact, the properties <c>verify --json</c> prints but for <c>reportPath</c> and <c>exitCode</c>.
/// </param>
/// <param name="ReportPath">Where the HTML report was written, when it was.</param>
public sealed record VerificationRecord(
    string JobId, DateTimeOffset At, bool Passed, string Candidate, string SpaceId, string MetricsJson, string? ReportPath);
