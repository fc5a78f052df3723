namespace Reembed;

/// <summary>A job state's stored word and whether it is final: one vocabulary for every state store.</summary>
public static class JobStates
{
    public static bool IsFinal(JobState state) =>
        state is JobState.Completed or JobState.Failed or JobState.Cancelled;

    // Lower-case words keep a store readable with its own shell (sqlite3, psql) and match the design's vocabulary.
    public static string ToText(JobState state) => state switch
    {
        JobState.Pending => "pending",
        JobState.Running => "running",
        JobState.Completed => "completed",
        JobState.Failed => "failed",
        JobState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown job state"),
    };

    public static JobState Parse(string text) => text switch
    {
        "pending" => JobState.Pending,
        "running" => JobState.Running,
        "completed" => JobState.Completed,
        "failed" => JobState.Failed,
        "cancelled" => JobState.Cancelled,
        _ => throw new ReembedException(ErrorKind.Fatal, $"state store holds an unknown job state '{text}'"),
    };
}
