using Reembed.Providers;

namespace Reembed.Hosting;

/// <summary>
/// What <c>verify</c> reads: the candidate (the job's shadow, or the live table/file when that holds the job's
/// space) and the baseline (the live vectors the shadow would replace, or a table/file named with <c>--baseline</c>).
/// </summary>
internal sealed class VerifyTargets : IAsyncDisposable
{
    private readonly CutoverTarget? _cutover;

    private VerifyTargets(CutoverTarget? cutover, VectorCollection candidate, VectorCollection? baseline, string? baselineSpace)
    {
        _cutover = cutover;
        Candidate = candidate;
        Baseline = baseline;
        BaselineSpaceId = baselineSpace;
    }

    public VectorCollection Candidate { get; }

    public VectorCollection? Baseline { get; }

    public string? BaselineSpaceId { get; }

    public static async Task<VerifyTargets> OpenAsync(
        JobSpec spec, StoreRegistry stores, StoreContext context, string spaceId, string? baselineName, CancellationToken cancellationToken)
    {
        var target = spec.Target;
        if (target.InPlace && !target.ShadowCutover)
        {
            if (baselineName is not null)
            {
                throw ReembedException.Config("--baseline", $"an in-place {target.Type} target has no other table to compare with");
            }

            return new(null, stores.For(target).CreateInPlaceCollection(target, spec.Source, context), null, null);
        }

        var cutover = Targets.CreateCutover(spec, stores, context);
        try
        {
            var state = await cutover.InspectAsync(cancellationToken);
            var shadow = cutover.ShadowName(spaceId);
            var candidateName = state.Others.Any(o => o.Name == shadow) ? shadow
                : state.Live.SpaceId == spaceId ? cutover.LiveName
                : throw ReembedException.Config("target", $"{cutover.Description} holds no vectors of space {spaceId}: neither the live "
                    + $"{cutover.LiveName} nor a shadow {shadow}; 'run' writes them");
            var baselineTable = baselineName is not null
                ? All(state).FirstOrDefault(t => t.Name == baselineName)
                    ?? throw ReembedException.Config("--baseline", $"{cutover.Description} has no table/file '{baselineName}' (it has: {string.Join(", ", All(state).Select(t => t.Name))})")
                : candidateName != cutover.LiveName && state.Live.Count > 0 ? state.Live : null;
            var candidate = await cutover.OpenCollectionAsync(candidateName, cancellationToken)
                ?? throw ReembedException.Config("target", $"{cutover.Description}: {candidateName} vanished while opening it");
            var baseline = baselineTable is null ? null : await cutover.OpenCollectionAsync(baselineTable.Name, cancellationToken);
            return new(cutover, candidate, baseline, baselineTable?.SpaceId);
        }
        catch
        {
            await cutover.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Candidate.DisposeAsync();
        if (Baseline is not null)
        {
            await Baseline.DisposeAsync();
        }

        if (_cutover is not null)
        {
            await _cutover.DisposeAsync();
        }
    }

    private static IEnumerable<CutoverTable> All(CutoverState state) => state.Others.Prepend(state.Live);
}
