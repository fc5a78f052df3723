namespace Reembed.Hosting;

public sealed partial class ReembedEngine
{
    private const int FailuresShown = 10;

    /// <summary>
    /// Progress, rate, ETA, space of a job (the latest of the config when <paramref name="jobId"/> is null). With
    /// <paramref name="detail"/>: also its first failures, latest verify and, with a shadow cut-over, the target's tables.
    /// </summary>
    public async Task<StatusResult> StatusAsync(JobSpec spec, string? jobId, JobHost host, bool detail = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var context = Context(host);
        await using var state = await Components.OpenStateAsync(spec, _stores, context, cancellationToken);
        var job = await FindJobAsync(state, spec, jobId, cancellationToken);
        var running = host.Owner.IsRunning(job);
        var rate = job.ActiveSeconds > 0 ? job.Counters.Processed / job.ActiveSeconds : 0;
        double? eta = job.State == JobState.Completed ? 0
            : job.Total is { } total && rate > 0 ? Math.Max(0, total - job.Counters.Processed) / rate
            : null;
        IReadOnlyList<FailureView> failures = [];
        VerificationView? verification = null;
        (TargetStatus? Status, string? Error) target = (null, null);
        if (detail)
        {
            failures = (await state.GetFailuresAsync(job.Id, FailuresShown, cancellationToken)).Select(FailureView.From).ToList();
            verification = await state.GetLatestVerificationAsync(job.Id, cancellationToken) is { } v
                ? new VerificationView(v.Passed, v.Candidate, v.At, v.ReportPath)
                : null;
            if (spec.Target.ShadowCutover)
            {
                target = await InspectAsync(spec, context, cancellationToken);
            }
        }

        var c = job.Counters;
        return new StatusResult
        {
            JobId = job.Id,
            State = StateName(job.State),
            Running = running,
            Mode = job.Mode,
            Total = job.Total,
            Processed = c.Processed,
            Embedded = c.Embedded,
            Skipped = c.Skipped,
            Cached = c.Cached,
            Failed = c.Failed,
            RecordsPerSecond = Math.Round(rate, 1),
            EtaSeconds = eta is { } e ? Math.Round(e, 1) : null,
            Cache = new CacheView(c.Cached, c.Embedded),
            Space = new SpaceView(job.SpaceId, job.SpaceDescription),
            Paused = running && job.Notice is not null,
            Notice = job.Notice,
            Error = job.Error,
            CreatedAt = job.CreatedAt,
            Verification = verification,
            Target = target.Status,
            TargetError = target.Error,
            Failures = failures,
        };
    }

    /// <summary>The jobs of the spec's state store, newest first.</summary>
    public async Task<JobsResult> ListJobsAsync(JobSpec spec, int limit, JobHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await using var state = await Components.OpenStateAsync(spec, _stores, Context(host), cancellationToken);
        var jobs = await state.ListJobsAsync(Math.Max(1, limit), cancellationToken);
        return new JobsResult(jobs.Select(static j => new JobSummary(j.Id, StateName(j.State), j.Mode, j.ConfigKey, j.SpaceId,
            j.Counters.Processed, j.Counters.Embedded, j.Counters.Skipped, j.Counters.Cached, j.Counters.Failed, j.CreatedAt)).ToList())
        {
            StateDescription = spec.State.Description,
        };
    }

    /// <summary>Asks a running job to stop after its in-flight batches, or marks a stopped, unfinished one cancelled; either way it stays resumable.</summary>
    public async Task<CancelResult> CancelAsync(JobSpec spec, string? jobId, JobHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await using var state = await Components.OpenStateAsync(spec, _stores, Context(host), cancellationToken);
        var job = await FindJobAsync(state, spec, jobId, cancellationToken);
        if (job.State is JobState.Completed or JobState.Cancelled)
        {
            throw new ReembedException(ErrorKind.Config, $"job {job.Id} is already {StateName(job.State)}");
        }

        var running = host.Owner.IsRunning(job);
        if (running)
        {
            await state.RequestCancelAsync(job.Id, cancellationToken);
        }
        else
        {
            await state.SetStateAsync(job.Id, JobState.Cancelled, "cancelled by request", cancellationToken);
        }

        return new CancelResult(job.Id, running, running ? "cancel-requested" : "cancelled");
    }

    /// <summary>The live table/file and its shadows; a target that cannot be read is reported, not fatal, here.</summary>
    private async Task<(TargetStatus?, string?)> InspectAsync(JobSpec spec, Providers.StoreContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var cutover = Targets.CreateCutover(spec, _stores, context);
            var c = await cutover.InspectAsync(cancellationToken);
            return (new TargetStatus(cutover.Description, TableView.From(c.Live), c.Others.Select(TableView.From).ToList())
            {
                Step = c.LastStep is { } step ? StepView.From(step) : null,
                Superseded = c.Superseded?.Name,
            }, null);
        }
        catch (ReembedException ex)
        {
            return (null, ex.Message);
        }
    }
}
