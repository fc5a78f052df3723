namespace Reembed.Hosting;

/// <summary>The jobs of a state store, newest first.</summary>
public sealed record JobsResult(IReadOnlyList<JobSummary> Jobs)
{
    /// <summary>Where the jobs are, for messages.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string StateDescription { get; init; } = string.Empty;
}
