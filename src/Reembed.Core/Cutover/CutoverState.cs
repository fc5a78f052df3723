namespace Reembed;

/// <summary>What a target holds now, for <c>status</c>, <c>verify</c>, <c>swap</c>, <c>rollback</c> and <c>cleanup</c>.</summary>
/// <param name="Live">The live table/file; <see cref="CutoverTable.Count"/> 0 and no space when it does not exist yet.</param>
/// <param name="Others">Every other table/file of this target that Reembed named (shadows and demoted ones), by name.</param>
/// <param name="LastStep">The latest swap or rollback in the target's journal; null when there was none.</param>
public sealed record CutoverState(CutoverTable Live, IReadOnlyList<CutoverTable> Others, CutoverStep? LastStep)
{
    /// <summary>The table/file the latest step demoted, while it still exists: what <c>cleanup</c> drops.</summary>
    public CutoverTable? Superseded => LastStep is null ? null : Others.FirstOrDefault(o => o.Name == LastStep.Demoted);
}
