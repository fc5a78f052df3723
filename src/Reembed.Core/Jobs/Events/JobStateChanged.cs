namespace Reembed;

/// <summary>The job reached <see cref="State"/> (completed, cancelled, failed); <see cref="Error"/> says why for the last two.</summary>
public sealed record JobStateChanged(string JobId, JobState State, string? Error) : JobEvent(JobId);
