using System.CommandLine;

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
        var config = await CliOptions.LoadConfigAsync(context.Parse, _config, cancellationToken);
        await using var state = await Components.OpenStateAsync(config, context.Time, cancellationToken);
        var job = await StatusVerb.FindAsync(state, config, context.Parse.GetValue(CliOptions.Job), cancellationToken);
        if (job.State is JobState.Completed or JobState.Cancelled)
        {
            throw new ReembedException(ErrorKind.Config, $"job {job.Id} is already {JsonOutput.State(job.State)}");
        }

        var running = ProcessOwner.IsRunning(job);
        if (running)
        {
            await state.RequestCancelAsync(job.Id, cancellationToken);
        }
        else
        {
            await state.SetStateAsync(job.Id, JobState.Cancelled, "cancelled by request", cancellationToken);
        }

        var outcome = running ? "cancel requested: the job stops after its in-flight batches" : "cancelled";
        if (context.Json)
        {
            JsonOutput.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("jobId", job.Id);
                writer.WriteBoolean("wasRunning", running);
                writer.WriteString("outcome", running ? "cancel-requested" : "cancelled");
                writer.WriteEndObject();
            });
        }
        else
        {
            context.Say($"job {job.Id}: {outcome}");
        }

        return ExitCodes.Ok;
    }
}
