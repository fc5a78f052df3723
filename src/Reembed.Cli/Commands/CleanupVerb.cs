using System.CommandLine;
using Reembed.Hosting;

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
        var spec = await CliOptions.LoadConfigAsync(context, _config, cancellationToken);
        var yes = context.Parse.GetValue(_yes);
        var result = await context.Engine.CleanupAsync(spec, what => yes || Confirm(context, $"drop {what} for good? [y/N] ")
            ? true
            : throw ReembedException.Config("--yes", $"cleanup drops {what} for good: confirm, or pass --yes"), context.Host(), cancellationToken);
        if (context.Json)
        {
            JsonOutput.Write(result, static c => c.CleanupResult);
        }
        else
        {
            context.Say(result.Message + (result.PurgedJob is null ? string.Empty : $"; checkpoint data of job {result.PurgedJob} deleted"));
        }

        return ExitCodes.Ok;
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
}
