using System.CommandLine;
using Reembed.Hosting;

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
        var spec = await CliOptions.LoadConfigAsync(context, _config, cancellationToken);
        RunResult result;
        await using (var progress = new ProgressRenderer(context.Time))
        {
            result = await context.Engine.RunAsync(spec, new RunOptions { Restart = context.Parse.GetValue(_restart), RetryFailed = _retryFailed },
                context.Host(progress), cancellationToken);
        }

        var exitCode = result.Stopped ? ExitCodes.Cancelled
            : result.Failed > 0 ? ExitCodes.FinishedWithFailures
            : ExitCodes.Ok;
        if (context.Json)
        {
            JsonOutput.Write(result with { ExitCode = exitCode }, static c => c.RunResult);
        }
        else
        {
            context.Say($"job {result.JobId} {result.State}{(result.Resumed ? " (resumed)" : string.Empty)} in {result.DurationSeconds:0.0}s: " +
                $"{result.Processed:N0} processed, {result.Embedded:N0} embedded, {result.Skipped:N0} skipped, {result.Cached:N0} cached, {result.Failed:N0} failed");
            if (result.Stopped)
            {
                context.Say("stopped; the checkpoint is committed: 'run' resumes");
            }
            else if (result.Failed > 0)
            {
                context.Say("some records failed: 'status' lists them, 'retry-failed' re-processes them");
            }
        }

        return exitCode;
    }
}
