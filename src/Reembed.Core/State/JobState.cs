namespace Reembed;

/// <summary>
/// <c>pending → running → completed | failed | cancelled</c>. Every state but
/// <see cref="Completed"/> is resumable: a crashed job is left <see cref="Running"/>.
/// </summary>
public enum JobState
{
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
}
