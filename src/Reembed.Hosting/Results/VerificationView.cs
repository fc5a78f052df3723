namespace Reembed.Hosting;

/// <summary>The latest verify of a job.</summary>
public sealed record VerificationView(bool Passed, string Candidate, DateTimeOffset At, string? ReportPath);
