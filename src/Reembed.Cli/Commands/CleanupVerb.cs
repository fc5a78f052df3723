using System.CommandLine;

namespace Reembed.Cli;

/// <summary>
/// <c>cleanup</c>: drops the table/file the latest swap or rollback demoted (the loser), after asking or with
/// <c>--yes</c>, and the checkpoint data and failures ledger of the job whose swap it was.
/// </summary>
internal sealed class CleanupVerb : IVerb
{
    private readonly Argument<string?> _config = CliOptions.ConfigArgument();
    private readonly Option<bool> _yes = new("--yes", "-y") { Description = "Drop without asking" };

    public Command Create()
    {
        var command = new Command("cleanup", "Drop the vectors the latest swap or rollback superseded, and the finished job's checkpoint data");
        command.Arguments.Add(_config);
        command.Options.Add(_yes);
        command.Options.Add(CliOptions.State);
        return command;
    }

    public async Task<int> ExecuteAsync(CliContext context, CancellationToken cancellationToken)
    {
        var config = await CliOptions.LoadConfigAsync(context.Parse, _config, cancellationToken);
        await using var cutover = CutoverVerbs.Open(config);
        var current = await cutover.InspectAsync(cancellationToken);
        if (current.Superseded is not { } loser || current.LastStep is not { } step)
        {
            return Done(context, cutover, dropped: null, purgedJob: null, "nothing to clean up: no swap or rollback left a superseded table/file");
        }

        var what = $"{loser.Name} ({loser.Count:N0} vectors{(loser.SpaceId is null ? string.Empty : $" of space {loser.SpaceId}")}) in {cutover.Description}";
        await using var state = await Components.OpenStateAsync(config, context.Time, cancellationToken);
        if (await WrittenAgainAsync(state, loser, step, cancellationToken) is { } writer)
        {
            // The demoted name is also the shadow name of its space: a job of that space since the step made it a shadow again.
            throw ReembedException.Config("cleanup",
                $"refused, nothing dropped: {loser.Name} was written again by job {writer.Id} after the {step.Kind}; it is a shadow now, not superseded");
        }

        if (!context.Parse.GetValue(_yes) && !Confirm(context, $"drop {what} for good? [y/N] "))
        {
            throw ReembedException.Config("--yes", $"cleanup drops {what} for good: confirm, or pass --yes");
        }

        var dropped = await cutover.CleanupAsync(cancellationToken);
        var job = await state.GetJobAsync(step.JobId, cancellationToken);
        string? purged = null;
        if (job is { State: JobState.Completed })
        {
            await state.PurgeJobDataAsync(job.Id, cancellationToken);
            purged = job.Id;
        }

        return Done(context, cutover, dropped, purged, dropped is null ? "nothing dropped" : $"dropped {what}");
    }

    private static async Task<JobRecord?> WrittenAgainAsync(StateStore state, CutoverTable loser, CutoverStep step, CancellationToken cancellationToken)
    {
        if (loser.SpaceId is null)
        {
            return null;
        }

        var jobs = await state.ListJobsAsync(limit: 1000, cancellationToken);
        return jobs.FirstOrDefault(j => j.SpaceId == loser.SpaceId && j.CreatedAt > step.At);
    }

    private static bool Confirm(CliContext context, string question)
    {
        if (context.Json || Console.IsInputRedirected)
        {
            return false;
        }

        Console.Error.Write(question);
        return Console.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes";
    }

    private static int Done(CliContext context, CutoverTarget cutover, string? dropped, string? purgedJob, string message)
    {
        if (context.Json)
        {
            JsonOutput.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("target", cutover.Description);
                writer.WriteString("dropped", dropped);
                writer.WriteString("purgedJob", purgedJob);
                writer.WriteEndObject();
            });
        }
        else
        {
            context.Say(message + (purgedJob is null ? string.Empty : $"; checkpoint data of job {purgedJob} deleted"));
        }

        return ExitCodes.Ok;
    }
}
