using System.CommandLine;

namespace Reembed.Cli;

/// <summary><c>run</c>: start, or resume the unfinished job of the config. <c>retry-failed</c>: re-process its failures ledger.</summary>
internal sealed class RunVerb : IVerb
{
    private readonly bool _retryFailed;
    private readonly Argument<string?> _config = CliOptions.ConfigArgument();
    private readonly Option<bool> _restart = new("--restart") { Description = "Start a fresh job even if an unfinished one exists" };

    public RunVerb(bool retryFailed) => _retryFailed = retryFailed;

    public Command Create()
    {
        var command = _retryFailed
            ? new Command("retry-failed", "Re-process exactly the items in the failures ledger of the config's latest job")
            : new Command("run", "Start, or resume, the job of a config");
        command.Arguments.Add(_config);
        if (!_retryFailed)
        {
            command.Options.Add(_restart);
            command.Options.Add(CliOptions.Mode);
        }

        command.Options.Add(CliOptions.State);
        return command;
    }

    public async Task<int> ExecuteAsync(CliContext context, CancellationToken cancellationToken)
    {
        var config = await CliOptions.LoadConfigAsync(context.Parse, _config, cancellationToken);
        await using var components = await Components.CreateAsync(config, context.Time, context.Logger, cancellationToken);
        var specJson = config.ToSpecJson(components.Space);
        var runner = new JobRunner(components.Source, components.Sink, components.Generator, components.Space,
            components.State, config.Pipeline, context.Logger, context.Time)
        {
            Enricher = components.Embedder.Enricher,
        };
        components.Embedder.OnOutage = runner.ReportOutage;
        var request = new JobRequest
        {
            ConfigKey = config.ConfigPath,
            SpecFingerprint = ReembedConfig.Fingerprint(specJson),
            SpecJson = specJson,
            Restart = context.Parse.GetValue(_restart),
            RetryFailed = _retryFailed,
            Owner = ProcessOwner.Current,
            IsOwnerAlive = ProcessOwner.IsAlive,
        };

        var started = context.Time.GetTimestamp();
        JobOutcome outcome;
        await using (new ProgressRenderer(runner.Progress, context.Time))
        {
            outcome = await runner.RunAsync(request, context.Signals.Stop, cancellationToken);
        }

        var duration = context.Time.GetElapsedTime(started).TotalSeconds;
        var job = outcome.Job;
        var exitCode = outcome.Stopped ? ExitCodes.Cancelled
            : job.Counters.Failed > 0 ? ExitCodes.FinishedWithFailures
            : ExitCodes.Ok;
        if (context.Json)
        {
            JsonOutput.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("jobId", job.Id);
                writer.WriteString("state", JsonOutput.State(job.State));
                writer.WriteNumber("total", job.Total ?? job.Counters.Processed);
                JsonOutput.WriteCounters(writer, job.Counters);
                writer.WriteNumber("durationSeconds", Math.Round(duration, 3));
                writer.WriteBoolean("resumed", outcome.Resumed);
                writer.WriteStartObject("thisRun");
                JsonOutput.WriteCounters(writer, outcome.ThisRun);
                writer.WriteEndObject();
                writer.WriteString("space", job.SpaceId);
                writer.WriteString("target", components.Sink.Description);
                if (components.Embedder.Stats is { } stats)
                {
                    writer.WriteStartObject("api");
                    writer.WriteNumber("requests", stats.Requests);
                    writer.WriteNumber("succeeded", stats.Succeeded);
                    writer.WriteNumber("rateLimited", stats.RateLimited);
                    writer.WriteNumber("retries", stats.Retries);
                    writer.WriteNumber("timeouts", stats.Timeouts);
                    writer.WriteNumber("tokens", stats.TokensSettled);
                    writer.WriteNumber("concurrency", stats.CurrentConcurrency);
                    writer.WriteEndObject();
                }

                writer.WriteNumber("exitCode", exitCode);
                writer.WriteEndObject();
            });
        }
        else
        {
            var c = job.Counters;
            context.Say($"job {job.Id} {JsonOutput.State(job.State)}{(outcome.Resumed ? " (resumed)" : string.Empty)} in {duration:0.0}s: " +
                $"{c.Processed:N0} processed, {c.Embedded:N0} embedded, {c.Skipped:N0} skipped, {c.Cached:N0} cached, {c.Failed:N0} failed");
            if (outcome.Stopped)
            {
                context.Say("stopped; the checkpoint is committed: 'run' resumes");
            }
            else if (c.Failed > 0)
            {
                context.Say("some records failed: 'status' lists them, 'retry-failed' re-processes them");
            }
        }

        return exitCode;
    }
}
