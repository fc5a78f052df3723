namespace Reembed;

/// <summary>
/// One swap or rollback as the target's journal records it, enough to reverse it exactly:
/// <see cref="Promoted"/> was renamed to the live name and the previous live table/file was renamed
/// to <see cref="Demoted"/>.
/// </summary>
/// <param name="Kind"><c>swap</c> or <c>rollback</c>.</param>
/// <param name="JobId">The job on whose behalf it ran (the one whose shadow was swapped in; for a rollback, that of the swap reversed).</param>
/// <param name="Promoted">The name the new live vectors had before the step.</param>
/// <param name="Demoted">The name the former live vectors have after it.</param>
/// <param name="PromotedSpaceId">The space of the vectors now live.</param>
/// <param name="DemotedSpaceId">The space of the vectors demoted; null when the live table was empty.</param>
/// <param name="At">When it happened.</param>
public sealed record CutoverStep(
    string Kind, string JobId, string Promoted, string Demoted, string PromotedSpaceId, string? DemotedSpaceId, DateTimeOffset At)
{
    public const string Swap = "swap";
    public const string Rollback = "rollback";
}
