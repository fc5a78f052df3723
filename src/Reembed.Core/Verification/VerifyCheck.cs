namespace Reembed;

/// <summary>One pass/fail criterion of a verification, with the measured value and the threshold it was held to.</summary>
/// <param name="Name">Stable identifier, e.g. <c>missing</c>, <c>nonFinite</c>, <c>overlapAtK</c>, <c>selfHitRate</c>, <c>goldenRecall</c>.</param>
/// <param name="Group"><c>structure</c> or <c>quality</c>.</param>
/// <param name="Value">The measured value (a count or a rate).</param>
/// <param name="Threshold">The rule it was held to, readable, e.g. <c>= 0</c>, <c>≥ 0.90</c>, <c>≥ 0.95 × old</c>.</param>
/// <param name="Passed">Whether the value meets the threshold.</param>
/// <param name="Detail">A sentence for people, e.g. the first missing ids.</param>
public sealed record VerifyCheck(string Name, string Group, double Value, string Threshold, bool Passed, string? Detail = null)
{
    public const string Structure = "structure";
    public const string Quality = "quality";
}
