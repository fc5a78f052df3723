using System.CommandLine;
using Reembed.Hosting;

namespace Reembed.Cli;

/// <summary>
/// <c>cancel</c>: asks a running job to stop (it finishes its in-flight batches and commits), or
/// marks a stopped, unfinished job cancelled. Either way <c>run</c> can resume it later.
/// </summary>
internal sealed class CancelVerb : IVerb
{
    private readonly Argument<string?> _config = CliOptions.ConfigArgument();

    public Command Create()
    {
        var command = new Command("cancel", "Stop a job gracefully (it stays resumable)");
        command.Arguments.Add(_config);
        command.Options.Add(CliOptions.Job);
        command.Options.Add(CliOptions.State);
        return command;
    }

    public async Task<int> ExecuteAsync(CliContext context, CancellationToken cancellationToken)
    {
        var spec = await CliOptions.LoadConfigAsync(context, _config, cancellationToken);
        var result = await context.Engine.CancelAsync(spec, context.Parse.GetValue(CliOptions.Job), context.Host(), cancellationToken);
        if (context.Json)
        {
            JsonOutput.Write(result, static c => c.CancelResult);
        }
        else
        {
            context.Say($"job {result.JobId}: {(result.WasRunning ? "cancel requested: the job stops after its in-flight batches" : "cancelled")}");
        }

        return ExitCodes.Ok;
    }
}
