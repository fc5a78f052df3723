namespace Reembed;

/// <summary>How a run of a job ended.</summary>
internal sealed record JobOutcome(JobRecord Job, JobCounters ThisRun, bool Resumed, bool Stopped);
