namespace Reembed;

/// <summary>The model API keeps failing and the job waits (<see cref="Paused"/>), or it answers again.</summary>
public sealed record JobOutage(string JobId, bool Paused, string Reason, DateTimeOffset Since) : JobEvent(JobId);
