namespace Reembed.Hosting;

public sealed partial class ReembedEngine
{
    /// <summary>A dry run: records, items and tokens per mode, and an estimated duration and cost. Opens no state store, writes nothing.</summary>
    public async Task<PlanResult> PlanAsync(JobSpec spec, JobHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var context = Context(host);
        await using var embedder = await EmbedderStack.CreateAsync(spec, _stores, context, openCache: false, cancellationToken: cancellationToken);
        var space = embedder.Space;
        var sourceProvider = _stores.For(spec.Source);
        await using var source = sourceProvider.CreateSource(spec.Source, context);
        var target = await Targets.ResolveWriteTargetAsync(spec, _stores, context, space, cancellationToken);
        await using var sink = _stores.For(target).CreateSink(target, spec.Source, source, context);
        var report = await Planner.PlanAsync(source, sink, space, spec.Embedder.IsLocal ? embedder.Generator : null, spec.Pipeline,
            enriched: spec.Enrich is not null, cancellationToken);
        var mode = spec.Pipeline.Mode;
        var (items, tokens) = report.For(mode);
        var estimate = PlanEstimate.For(spec, items, tokens, report.SecondsPerRecord);
        return new PlanResult
        {
            Source = source.Description,
            Target = sink.Description,
            TargetExists = report.TargetExists,
            Space = new SpaceView(space.Id, space.Description),
            Records = report.Records,
            Failed = report.Failed,
            Empty = report.Empty,
            Modes = new ModeCounts(Count(report, ReembedMode.Missing), Count(report, ReembedMode.Changed), Count(report, ReembedMode.All)),
            Mode = mode.ToString().ToLowerInvariant(),
            Items = items,
            Tokens = tokens,
            EstimatedSeconds = estimate.Seconds is { } seconds ? Math.Round(seconds, 3) : null,
            EstimatedRequests = estimate.Requests,
            EstimatedCost = estimate.Cost is { } cost ? Math.Round(cost, 6) : null,
            BoundBy = estimate.BoundBy,
            Failures = report.FirstFailures.Select(static f =>
                new FailureView(f.Key, f.Locator, f.Failure.Stage, f.Failure.ErrorClass, f.Failure.Message, 0)).ToList(),
            TokensEstimated = !spec.Embedder.IsLocal,
            TokensBeforeEnrichment = report.TokensBeforeEnrichment,
        };
    }

    private static ModeCount Count(PlanReport report, ReembedMode mode)
    {
        var (items, tokens) = report.For(mode);
        return new ModeCount(items, tokens);
    }
}
