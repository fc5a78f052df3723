using System.CommandLine;
using Reembed.Hosting;

namespace Reembed.Cli;

/// <summary><c>rollback</c>: reverses the latest swap exactly, in one atomic step.</summary>
internal sealed class RollbackVerb : IVerb
{
    private readonly Argument<string?> _config = CliOptions.ConfigArgument();

    public Command Create()
    {
        var command = new Command("rollback", "Reverse the latest swap: the previous live table/file is live again");
        command.Arguments.Add(_config);
        return command;
    }

    public async Task<int> ExecuteAsync(CliContext context, CancellationToken cancellationToken)
    {
        var spec = await CliOptions.LoadConfigAsync(context, _config, cancellationToken);
        CutoverVerbs.Report(context, await context.Engine.RollbackAsync(spec, context.Host(), cancellationToken));
        return ExitCodes.Ok;
    }
}
