using System.CommandLine;
using System.Globalization;

namespace Reembed.Cli;

/// <summary><c>status</c>: progress, rate, ETA, failures and space of a job; <c>--watch</c> follows it until it stops.</summary>
internal sealed class StatusVerb : IVerb
{
    private const int FailuresShown = 10;
    private readonly Argument<string?> _config = CliOptions.ConfigArgument();
    private readonly Option<bool> _watch = new("--watch", "-w") { Description = "Refresh until the job is no longer running" };

    public Command Create()
    {
        var command = new Command("status", "Show the progress, rate, ETA, failures and space of a job");
        command.Arguments.Add(_config);
        command.Options.Add(_watch);
        command.Options.Add(CliOptions.Job);
        command.Options.Add(CliOptions.State);
        return command;
    }

    public async Task<int> ExecuteAsync(CliContext context, CancellationToken cancellationToken)
    {
        var config = await CliOptions.LoadConfigAsync(context.Parse, _config, cancellationToken);
        await using var state = await Components.OpenStateAsync(config, context.Time, cancellationToken);
        var jobId = context.Parse.GetValue(CliOptions.Job);
        var watch = context.Parse.GetValue(_watch);
        while (true)
        {
            var job = await FindAsync(state, config, jobId, cancellationToken);
            var running = ProcessOwner.IsRunning(job);
            if (!watch || !running || context.Signals.Stop.IsCancellationRequested)
            {
                var failures = await state.GetFailuresAsync(job.Id, FailuresShown, cancellationToken);
                var verification = await state.GetLatestVerificationAsync(job.Id, cancellationToken);
                (CutoverState? State, string? Name, string? Error)? target = config.Target.ShadowCutover ? await InspectAsync(config, cancellationToken) : null;
                Print(context, job, running, failures, new TargetView(verification, target?.State, target?.Name, target?.Error));
                return ExitCodes.Ok;
            }

            if (!context.Json)
            {
                Console.Error.WriteLine(Summary(job, running));
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), context.Time, context.Signals.Stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C ends the watch: print the last status and exit normally.
            }
        }
    }

    internal static async Task<JobRecord> FindAsync(StateStore state, ReembedConfig config, string? jobId, CancellationToken cancellationToken)
    {
        var job = jobId is null
            ? await state.FindLatestJobAsync(config.ConfigPath, cancellationToken)
            : await state.GetJobAsync(jobId, cancellationToken);
        return job ?? throw new ReembedException(ErrorKind.Config, jobId is null
            ? $"no job has been run from {config.ConfigPath} yet (state: {config.State.Description})"
            : $"--job: no job with id '{jobId}' in {config.State.Description}");
    }

    private static (double Rate, double? Eta) Rates(JobRecord job)
    {
        var rate = job.ActiveSeconds > 0 ? job.Counters.Processed / job.ActiveSeconds : 0;
        double? eta = job.State == JobState.Completed ? 0
            : job.Total is { } total && rate > 0 ? Math.Max(0, total - job.Counters.Processed) / rate
            : null;
        return (rate, eta);
    }

    private static string Summary(JobRecord job, bool running)
    {
        var (rate, eta) = Rates(job);
        var c = job.Counters;
        var state = job.State == JobState.Running && !running ? "interrupted (resumable)"
            : running && job.Notice is not null ? "running, paused (model API down)"
            : JsonOutput.State(job.State);
        return string.Create(CultureInfo.InvariantCulture,
            $"job {job.Id}: {state}, {c.Processed:N0}/{(job.Total?.ToString("N0", CultureInfo.InvariantCulture) ?? "?")} processed, " +
            $"{c.Embedded:N0} embedded, {c.Skipped:N0} skipped, {c.Cached:N0} cached, {c.Failed:N0} failed, " +
            $"{rate:N0} rec/s, ETA {(eta is { } e ? ProgressRenderer.FormatDuration(e) : "?")}");
    }

    /// <summary>The live table/file and its shadows; a target that cannot be read is reported, not fatal, here.</summary>
    private static async Task<(CutoverState? State, string? Name, string? Error)> InspectAsync(ReembedConfig config, CancellationToken cancellationToken)
    {
        try
        {
            await using var cutover = Targets.CreateCutover(config);
            return (await cutover.InspectAsync(cancellationToken), cutover.Description, null);
        }
        catch (ReembedException ex)
        {
            return (null, null, ex.Message);
        }
    }

    private static void Print(CliContext context, JobRecord job, bool running, IReadOnlyList<LedgerEntry> failures, TargetView view)
    {
        var (rate, eta) = Rates(job);
        if (context.Json)
        {
            JsonOutput.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("jobId", job.Id);
                writer.WriteString("state", JsonOutput.State(job.State));
                writer.WriteBoolean("running", running);
                writer.WriteString("mode", job.Mode);
                if (job.Total is { } total)
                {
                    writer.WriteNumber("total", total);
                }
                else
                {
                    writer.WriteNull("total");
                }

                JsonOutput.WriteCounters(writer, job.Counters);
                writer.WriteNumber("recordsPerSecond", Math.Round(rate, 1));
                if (eta is { } e)
                {
                    writer.WriteNumber("etaSeconds", Math.Round(e, 1));
                }
                else
                {
                    writer.WriteNull("etaSeconds");
                }

                writer.WriteStartObject("cache");
                writer.WriteNumber("hits", job.Counters.Cached);
                writer.WriteNumber("misses", job.Counters.Embedded);
                writer.WriteEndObject();
                JsonOutput.WriteSpace(writer, job.SpaceId, job.SpaceDescription);
                writer.WriteBoolean("paused", running && job.Notice is not null);
                writer.WriteString("notice", job.Notice);
                writer.WriteString("error", job.Error);
                writer.WriteString("createdAt", job.CreatedAt);
                view.Write(writer);
                JsonOutput.WriteFailures(writer, "failures", failures);
                writer.WriteEndObject();
            });
            return;
        }

        context.Say(Summary(job, running));
        context.Say($"space {job.SpaceId} ({job.SpaceDescription}), mode {job.Mode}");
        if (running && job.Notice is { } notice)
        {
            context.Say(notice);
        }

        if (job.Counters.Cached > 0)
        {
            var lookups = job.Counters.Cached + job.Counters.Embedded;
            context.Say(string.Create(CultureInfo.InvariantCulture,
                $"cache: {job.Counters.Cached:N0} hits, {job.Counters.Embedded:N0} misses ({100.0 * job.Counters.Cached / lookups:0.#}% hit rate)"));
        }
        if (job.Error is { } error)
        {
            context.Say($"last error: {error}");
        }

        foreach (var line in view.Lines())
        {
            context.Say(line);
        }

        foreach (var failure in failures)
        {
            context.Say($"  failed {failure.Key}{(failure.Locator is null ? string.Empty : $" ({failure.Locator})")} at {failure.Stage}: {failure.ErrorClass}: {failure.Message}");
        }

        if (job.Counters.Failed > failures.Count)
        {
            context.Say($"  … and {job.Counters.Failed - failures.Count:N0} more");
        }
    }
}
