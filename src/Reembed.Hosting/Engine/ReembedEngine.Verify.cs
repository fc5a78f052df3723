using Reembed.Verification.Html;

namespace Reembed.Hosting;

public sealed partial class ReembedEngine
{
    /// <summary>
    /// Checks a job's vectors (structure, and retrieval quality against the vectors they would replace), writes the HTML
    /// report and stores the verdict that <c>swap</c> requires.
    /// </summary>
    /// <param name="reportPath">Where the report goes; null for <c>verify.report</c>, or <c>verify-&lt;job&gt;.html</c> beside the state.</param>
    /// <param name="baseline">A table/file of the target to compare with instead of the live one; null for the live one.</param>
    public async Task<VerifyResult> VerifyAsync(
        JobSpec spec, string? jobId, string? reportPath, string? baseline, JobHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var context = Context(host);
        await using var state = await Components.OpenStateAsync(spec, _stores, context, cancellationToken);
        var job = await FindJobAsync(state, spec, jobId, cancellationToken);

        // Never through the cache: self-retrieval asks the model again, and a cached answer would only echo the stored vector.
        await using var embedder = await EmbedderStack.CreateAsync(spec, _stores, context, openCache: false, cancellationToken: cancellationToken);
        if (embedder.Space.Id != job.SpaceId)
        {
            throw ReembedException.Config("embedder",
                $"job {job.Id} made space {job.SpaceId} ({job.SpaceDescription}); this config's embedder makes {embedder.Space}: verify with the config that ran the job");
        }

        await using var baselineEmbedder = spec.Verify.BaselineEmbedder is { } baselineSpec
            ? await EmbedderStack.CreateAsync(BaselineSpec(spec, baselineSpec), _stores, context, openCache: false, cancellationToken: cancellationToken)
            : null;
        await using var targets = await VerifyTargets.OpenAsync(spec, _stores, context, job.SpaceId, baseline, cancellationToken);
        if (baselineEmbedder is not null && targets.BaselineSpaceId is { } baselineSpace && baselineSpace != baselineEmbedder.Space.Id)
        {
            throw ReembedException.Config("verify.baselineEmbedder",
                $"makes space {baselineEmbedder.Space}, but the baseline {targets.Baseline?.Name} holds space {baselineSpace}");
        }

        await using var source = _stores.For(spec.Source).CreateSource(spec.Source, context);
        await source.OpenAsync(cancellationToken);
        var ledger = (await state.GetFailuresAsync(job.Id, 0, cancellationToken)).Select(static e => e.Key).ToHashSet(StringComparer.Ordinal);
        var golden = spec.Verify.GoldenQueries is { } goldenPath ? await GoldenQueries.LoadAsync(goldenPath, cancellationToken) : [];
        var report = await Verifier.RunAsync(new VerifyRequest
        {
            Source = source,
            Candidate = targets.Candidate,
            Baseline = targets.Baseline,
            Embedder = embedder.Generator,
            BaselineEmbedder = baselineEmbedder?.Generator,
            Space = embedder.Space,
            GoldenQueries = golden,
            LedgeredKeys = ledger,
            JobId = job.Id,
            Options = spec.Verify.Options,
            Time = _time,
        }, cancellationToken);

        var path = reportPath is not null ? Path.GetFullPath(reportPath)
            : spec.Verify.Report ?? Path.Combine(ReportFolder(spec), $"verify-{job.Id}.html");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, VerifyHtmlReport.Render(report), cancellationToken);
        await state.SaveVerificationAsync(new VerificationRecord(
            job.Id, report.At, report.Passed, targets.Candidate.Name, job.SpaceId, VerifyJson.Compact(report), path), cancellationToken);
        return new VerifyResult(report, path);
    }

    /// <summary>Beside a file state store; next to the config when the state is on a server.</summary>
    private static string ReportFolder(JobSpec spec) => spec.State.Folder ?? Path.GetDirectoryName(spec.ConfigPath)!;

    /// <summary>The spec with the old model in place of the new, no cache (a sample only) and no enrichment.</summary>
    private static JobSpec BaselineSpec(JobSpec spec, EmbedderSpec baseline) => new()
    {
        ConfigPath = spec.ConfigPath,
        Source = spec.Source,
        Target = spec.Target,
        Embedder = baseline,
        Pipeline = new PipelineOptions(),
        State = spec.State,
        Cache = spec.Cache with { Enabled = false },
    };
}
