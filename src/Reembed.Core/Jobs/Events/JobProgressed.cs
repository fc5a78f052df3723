namespace Reembed;

/// <summary>A checkpoint committed (or the total became known): the job's committed counters now.</summary>
public sealed record JobProgressed(string JobId, JobCounters Committed, long? Total) : JobEvent(JobId);
