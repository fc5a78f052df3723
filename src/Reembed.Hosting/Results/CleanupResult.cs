using System.Text.Json.Serialization;

namespace Reembed.Hosting;

/// <summary>What <c>cleanup</c> dropped: the superseded table/file, and the checkpoint data of the job whose step it was.</summary>
public sealed record CleanupResult(string Target, string? Dropped, string? PurgedJob)
{
    /// <summary>For people: what was (or was not) dropped.</summary>
    [JsonIgnore]
    public string Message { get; init; } = string.Empty;
}
