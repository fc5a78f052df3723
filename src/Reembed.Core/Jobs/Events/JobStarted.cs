namespace Reembed;

/// <summary>The job is claimed and about to read: its committed counters so far (non-zero on a resume) and its total, when known.</summary>
public sealed record JobStarted(string JobId, bool Resumed, JobCounters Committed, long? Total) : JobEvent(JobId);
