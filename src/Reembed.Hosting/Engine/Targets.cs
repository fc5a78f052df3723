using Reembed.Providers;

namespace Reembed.Hosting;

/// <summary>The cut-over view of a configured target: its live table/file, shadows, and where a job writes.</summary>
internal static class Targets
{
    public static CutoverTarget CreateCutover(JobSpec spec, StoreRegistry stores, StoreContext context) =>
        stores.For(spec.Target).CreateCutover(spec.Target, spec.Source, context);

    /// <summary>The cut-over target of a config whose <c>target.cutover</c> is <c>shadow</c>; a config error otherwise.</summary>
    public static CutoverTarget OpenShadowCutover(JobSpec spec, StoreRegistry stores, StoreContext context) =>
        spec.Target.ShadowCutover
            ? CreateCutover(spec, stores, context)
            : throw ReembedException.Config("target.cutover", "is not \"shadow\": there is no shadow to cut over to (set target.cutover to \"shadow\" and run)");

    /// <summary>
    /// Where a job of <paramref name="space"/> writes. In place: the target as configured. With
    /// <c>target.cutover: shadow</c>: the live table/file when it does not exist yet, is empty, or already holds
    /// this space (an incremental run after the swap); otherwise the space's shadow beside it.
    /// </summary>
    public static async Task<TargetSpec> ResolveWriteTargetAsync(
        JobSpec spec, StoreRegistry stores, StoreContext context, EmbeddingSpace space, CancellationToken cancellationToken)
    {
        if (!spec.Target.ShadowCutover)
        {
            return spec.Target;
        }

        await using var cutover = CreateCutover(spec, stores, context);
        var state = await cutover.InspectAsync(cancellationToken);
        var liveIsFree = state.Live.SpaceId == space.Id || (state.Live.SpaceId is null && state.Live.Count == 0);
        return liveIsFree ? spec.Target : spec.Target.Named(cutover.ShadowName(space.Id));
    }
}
