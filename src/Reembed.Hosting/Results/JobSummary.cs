namespace Reembed.Hosting;

/// <summary>One job as <c>jobs</c> lists it.</summary>
public sealed record JobSummary(
    string JobId, string State, string Mode, string Config, string Space,
    long Processed, long Embedded, long Skipped, long Cached, long Failed, DateTimeOffset CreatedAt);
