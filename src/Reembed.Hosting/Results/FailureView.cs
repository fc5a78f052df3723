using System.Text.Json.Serialization;

namespace Reembed.Hosting;

/// <summary>One entry of the failures ledger (or an unreadable record found by a plan).</summary>
public sealed record FailureView(
    string Key,
    string? Locator,
    string Stage,
    [property: JsonPropertyName("class")] string ErrorClass,
    [property: JsonPropertyName("reason")] string Message,
    int Attempts)
{
    public static FailureView From(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Key, entry.Locator, entry.Stage, entry.ErrorClass, entry.Message, entry.Attempts);
    }
}
