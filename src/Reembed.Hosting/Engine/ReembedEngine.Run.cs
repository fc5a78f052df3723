using System.Diagnostics.CodeAnalysis;
using Reembed.Remote;

namespace Reembed.Hosting;

public sealed partial class ReembedEngine
{
    /// <summary>Starts, or resumes, the job of <paramref name="spec"/>; or re-processes its failures ledger.</summary>
    /// <exception cref="ReembedException">Config errors (exit 2 in the CLI) and fatal runtime errors (exit 3).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> aborted it; the checkpoint is intact.</exception>
    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "the stop source is disposed in finally")]
    public async Task<RunResult> RunAsync(JobSpec spec, RunOptions options, JobHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var context = Context(host);
        var outages = new OutageRelay();
        await using var components = await Components.CreateAsync(spec, _stores, context, outages, cancellationToken);
        var specJson = spec.ToSpecJson(components.Space);
        var runner = new JobRunner(components.Source, components.Sink, components.Generator, components.Space,
            components.State, spec.Pipeline, host.Logger, _time)
        {
            Enricher = components.Embedder.Enricher,
            Events = host.Events,
        };
        outages.Attach(runner.ReportOutage);
        var request = new JobRequest
        {
            ConfigKey = spec.ConfigPath,
            SpecFingerprint = JobSpec.Fingerprint(specJson),
            SpecJson = specJson,
            Restart = options.Restart,
            RetryFailed = options.RetryFailed,
            Owner = host.Owner.Id,
            IsOwnerAlive = host.Owner.IsAlive,
        };

        var started = _time.GetTimestamp();
        using var stop = new CancellationTokenSource();
        await using var stopping = host.Stop.Register(static state => ((CancellationTokenSource)state!).Cancel(), stop);
        var outcome = await runner.RunAsync(request, stop, cancellationToken);
        var job = outcome.Job;
        return new RunResult
        {
            JobId = job.Id,
            State = StateName(job.State),
            Total = job.Total ?? job.Counters.Processed,
            Processed = job.Counters.Processed,
            Embedded = job.Counters.Embedded,
            Skipped = job.Counters.Skipped,
            Cached = job.Counters.Cached,
            Failed = job.Counters.Failed,
            DurationSeconds = Math.Round(_time.GetElapsedTime(started).TotalSeconds, 3),
            Resumed = outcome.Resumed,
            ThisRun = CountersView.From(outcome.ThisRun),
            Space = job.SpaceId,
            Target = components.Sink.Description,
            Api = components.Embedder.Stats is { } stats ? Api(stats) : null,
            Stopped = outcome.Stopped,
        };
    }

    private static ApiStatsView Api(RateControlStats stats) =>
        new(stats.Requests, stats.Succeeded, stats.RateLimited, stats.Retries, stats.Timeouts, stats.TokensSettled, stats.CurrentConcurrency);
}
