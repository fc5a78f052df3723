using System.Text.Json.Serialization;

namespace Reembed.Hosting;

/// <summary>A shadow cut-over target as <c>status</c> shows it: the live table/file, the others, the latest step.</summary>
public sealed record TargetStatus(string Description, TableView Live, IReadOnlyList<TableView> Others)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StepView? Step { get; init; }

    /// <summary>The table/file the latest step demoted, which <c>cleanup</c> drops.</summary>
    [JsonIgnore]
    public string? Superseded { get; init; }
}
