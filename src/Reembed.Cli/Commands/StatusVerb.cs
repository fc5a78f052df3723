using System.CommandLine;
using System.Globalization;
using Reembed.Hosting;

namespace Reembed.Cli;

/// <summary><c>status</c>: progress, rate, ETA, failures and space of a job; <c>--watch</c> follows it until it stops.</summary>
internal sealed class StatusVerb : IVerb
{
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
        var spec = await CliOptions.LoadConfigAsync(context, _config, cancellationToken);
        var jobId = context.Parse.GetValue(CliOptions.Job);
        var watch = context.Parse.GetValue(_watch);
        var host = context.Host();
        while (true)
        {
            var status = await context.Engine.StatusAsync(spec, jobId, host, detail: false, cancellationToken);
            if (!watch || !status.Running || context.Signals.Stop.IsCancellationRequested)
            {
                Print(context, await context.Engine.StatusAsync(spec, status.JobId, host, detail: true, cancellationToken));
                return ExitCodes.Ok;
            }

            if (!context.Json)
            {
                Console.Error.WriteLine(Summary(status));
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

    private static string Summary(StatusResult status)
    {
        var state = status.State == "running" && !status.Running ? "interrupted (resumable)"
            : status.Paused ? "running, paused (model API down)"
            : status.State;
        return string.Create(CultureInfo.InvariantCulture,
            $"job {status.JobId}: {state}, {status.Processed:N0}/{(status.Total?.ToString("N0", CultureInfo.InvariantCulture) ?? "?")} processed, " +
            $"{status.Embedded:N0} embedded, {status.Skipped:N0} skipped, {status.Cached:N0} cached, {status.Failed:N0} failed, " +
            $"{status.RecordsPerSecond:N0} rec/s, ETA {(status.EtaSeconds is { } e ? ProgressRenderer.FormatDuration(e) : "?")}");
    }

    private static void Print(CliContext context, StatusResult status)
    {
        if (context.Json)
        {
            JsonOutput.Write(status, static c => c.StatusResult);
            return;
        }

        context.Say(Summary(status));
        context.Say($"space {status.Space.Id} ({status.Space.Description}), mode {status.Mode}");
        if (status.Paused && status.Notice is { } notice)
        {
            context.Say(notice);
        }

        if (status.Cached > 0)
        {
            var lookups = status.Cached + status.Embedded;
            context.Say(string.Create(CultureInfo.InvariantCulture,
                $"cache: {status.Cached:N0} hits, {status.Embedded:N0} misses ({100.0 * status.Cached / lookups:0.#}% hit rate)"));
        }

        if (status.Error is { } error)
        {
            context.Say($"last error: {error}");
        }

        foreach (var line in TargetView.Lines(status))
        {
            context.Say(line);
        }

        foreach (var failure in status.Failures)
        {
            context.Say($"  failed {failure.Key}{(failure.Locator is null ? string.Empty : $" ({failure.Locator})")} at {failure.Stage}: {failure.ErrorClass}: {failure.Message}");
        }

        if (status.Failed > status.Failures.Count)
        {
            context.Say($"  … and {status.Failed - status.Failures.Count:N0} more");
        }
    }
}
