using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Reembed;

/// <summary>
/// Runs or resumes the job of a config: opens the stores, claims the job, runs a pass per
/// unfinished shard and records the final state. Owns no resources: the caller disposes them.
/// </summary>
internal sealed partial class JobRunner
{
    private readonly RecordSource _source;
    private readonly VectorSink _sink;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly EmbeddingSpace _space;
    private readonly StateStore _state;
    private readonly PipelineOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public JobRunner(
        RecordSource source,
        VectorSink sink,
        IEmbeddingGenerator<string, Embedding<float>> generator,
        EmbeddingSpace space,
        StateStore state,
        PipelineOptions options,
        ILogger logger,
        TimeProvider time)
    {
        _source = source;
        _sink = sink;
        _generator = generator;
        _space = space;
        _state = state;
        _options = options;
        _logger = logger;
        _time = time;
    }

    /// <summary>Rewrites texts before embedding (the config's <c>enrich</c>); null for none.</summary>
    public Reembed.Enrichment.TextEnricher? Enricher { get; init; }

    /// <summary>The live counters of the job being run.</summary>
    public RunProgress Progress { get; } = new();

    /// <summary>Receives the job's events (started, progress, outage, shard finished, final state); null for none.</summary>
    public IProgress<JobEvent>? Events { get; init; }

    /// <param name="request">Which job, and whether to resume, restart or retry its failures.</param>
    /// <param name="stop">Cancelled to stop gracefully: in-flight batches complete and commit.</param>
    /// <param name="cancellationToken">Cancelled to abort at once; the checkpoint stays consistent.</param>
    public async Task<JobOutcome> RunAsync(JobRequest request, CancellationTokenSource stop, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stop);
        _options.Validate();
        await _source.OpenAsync(cancellationToken);
        var (job, resumed) = await ResolveJobAsync(request, cancellationToken);
        Progress.JobId = job.Id;
        Progress.Add(job.Counters);
        if (job.Total is { } known)
        {
            Progress.SetTotal(known);
        }

        if (Events is { } events)
        {
            events.Report(new JobStarted(job.Id, resumed, Progress.Snapshot(), Progress.Total));
            Progress.Changed = progress => events.Report(new JobProgressed(job.Id, progress.Snapshot(), progress.Total));
        }

        Log.JobStarting(_logger, job.Id, request.RetryFailed ? "retrying failures" : resumed ? "resuming" : "starting",
            job.Mode, _space.Id, _options.InFlightBatches, _options.MaxItems);

        var context = new PassContext
        {
            JobId = job.Id,
            Sink = _sink,
            Generator = _generator,
            Space = _space,
            State = _state,
            Enricher = Enricher,
            Options = _options,
            Progress = Progress,
            Logger = _logger,
            Time = _time,
            Resilience = new StoreResilience(_options.StoreResilience, _time, _logger),
            Stop = stop,
        };

        var thisRun = JobCounters.Zero;
        var stopped = false;
        try
        {
            await _sink.OpenAsync(_space, job.SinkToken, cancellationToken);
            await _state.ClaimAsync(job.Id, request.Owner, cancellationToken);
            var counting = job.Total is null && !request.RetryFailed ? CountAsync(job.Id, cancellationToken) : Task.CompletedTask;
            (thisRun, stopped) = request.RetryFailed
                ? await RetryFailuresAsync(context, cancellationToken)
                : await RunShardsAsync(context, cancellationToken);
            if (!stopped && !request.RetryFailed)
            {
                await _sink.CompleteAsync(cancellationToken);
            }

            await counting;
            await _notices.FlushAsync();
            await _state.SetStateAsync(job.Id, stopped ? JobState.Cancelled : JobState.Completed, null, CancellationToken.None);
            Events?.Report(new JobStateChanged(job.Id, stopped ? JobState.Cancelled : JobState.Completed, null));
        }
        catch (OperationCanceledException)
        {
            await _notices.FlushAsync();
            await _state.SetStateAsync(job.Id, JobState.Cancelled, "aborted", CancellationToken.None);
            Events?.Report(new JobStateChanged(job.Id, JobState.Cancelled, "aborted"));
            throw;
        }
        catch (Exception ex)
        {
            await _notices.FlushAsync();
            await _state.SetStateAsync(job.Id, JobState.Failed, ex.Message, CancellationToken.None);
            Events?.Report(new JobStateChanged(job.Id, JobState.Failed, ex.Message));
            throw;
        }
        finally
        {
            Progress.Changed = null;
        }

        var final = await _state.GetJobAsync(job.Id, CancellationToken.None) ?? job;
        return new JobOutcome(final, thisRun, resumed, stopped);
    }

    private async Task<(JobCounters, bool)> RunShardsAsync(PassContext context, CancellationToken cancellationToken)
    {
        var thisRun = JobCounters.Zero;
        foreach (var shard in await _state.GetShardsAsync(context.JobId, cancellationToken))
        {
            if (shard.Done)
            {
                continue;
            }

            var pass = new PipelinePass(context, shard.ShardId, retry: false);
            await pass.RunAsync(context.Resilience.ReadAsync(_source, shard.Info, shard.Cursor, cancellationToken), cancellationToken);
            thisRun = thisRun.Add(pass.Committed);
            if (!pass.Finished)
            {
                return (thisRun, true);
            }

            await _state.CommitAsync(context.JobId, new Checkpoint { ShardId = shard.ShardId, ShardDone = true }, cancellationToken);
            Events?.Report(new ShardFinished(context.JobId, shard.ShardId));
        }

        return (thisRun, false);
    }

    private async Task CountAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            if (await _source.CountAsync(cancellationToken) is { } total)
            {
                Progress.SetTotal(total);
                await _state.SetTotalAsync(jobId, total, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The count only feeds the ETA; a job never fails for it.
            Log.CountFailed(_logger, ex.Message);
        }
    }
}
