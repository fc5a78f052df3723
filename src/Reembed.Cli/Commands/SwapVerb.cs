using System.CommandLine;
using Reembed.Hosting;

namespace Reembed.Cli;

/// <summary>
/// <c>swap</c>: makes the job's shadow live in one atomic step. Refused, with nothing changed, unless the latest
/// <c>verify</c> of the job passed on that shadow after the job last wrote — or <c>--force</c>.
/// </summary>
internal sealed class SwapVerb : IVerb
{
    private readonly Argument<string?> _config = CliOptions.ConfigArgument();
    private readonly Option<bool> _force = new("--force") { Description = "Swap even without a passed verify" };

    public Command Create()
    {
        var command = new Command("swap", "Make the job's verified shadow live, atomically (the live one is kept for rollback)");
        command.Arguments.Add(_config);
        command.Options.Add(_force);
        command.Options.Add(CliOptions.Job);
        command.Options.Add(CliOptions.State);
        return command;
    }

    public async Task<int> ExecuteAsync(CliContext context, CancellationToken cancellationToken)
    {
        var spec = await CliOptions.LoadConfigAsync(context, _config, cancellationToken);
        var result = await context.Engine.SwapAsync(spec, context.Parse.GetValue(CliOptions.Job), context.Parse.GetValue(_force), context.Host(), cancellationToken);
        CutoverVerbs.Report(context, result);
        return ExitCodes.Ok;
    }
}
