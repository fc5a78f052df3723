using System.CommandLine;

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
        var config = await CliOptions.LoadConfigAsync(context.Parse, _config, cancellationToken);
        await using var cutover = CutoverVerbs.Open(config);
        var step = await cutover.RollbackAsync(cancellationToken);
        CutoverVerbs.Report(context, cutover, step, forced: false);
        return ExitCodes.Ok;
    }
}
