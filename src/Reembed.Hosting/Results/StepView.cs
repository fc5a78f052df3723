using System.Globalization;
using System.Text.Json.Serialization;

namespace Reembed.Hosting;

/// <summary>One swap or rollback: what became live and what was demoted.</summary>
public sealed record StepView(string Kind, string JobId, string Promoted, string Demoted, string PromotedSpace, string? DemotedSpace, string At)
{
    /// <summary><see cref="At"/> as a time (the JSON holds its round-trip text).</summary>
    [JsonIgnore]
    public DateTimeOffset When { get; init; }

    public static StepView From(CutoverStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new(step.Kind, step.JobId, step.Promoted, step.Demoted, step.PromotedSpaceId, step.DemotedSpaceId,
            step.At.ToString("O", CultureInfo.InvariantCulture)) { When = step.At };
    }
}
