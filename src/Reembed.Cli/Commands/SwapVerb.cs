using System.CommandLine;
using System.Globalization;

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
        var config = await CliOptions.LoadConfigAsync(context.Parse, _config, cancellationToken);
        await using var state = await Components.OpenStateAsync(config, context.Time, cancellationToken);
        var job = await StatusVerb.FindAsync(state, config, context.Parse.GetValue(CliOptions.Job), cancellationToken);
        await using var cutover = CutoverVerbs.Open(config);
        var shadow = cutover.ShadowName(job.SpaceId);
        var force = context.Parse.GetValue(_force);
        if (!force)
        {
            await CheckVerifiedAsync(state, job, shadow, cancellationToken);
        }

        var step = await cutover.SwapAsync(job.SpaceId, job.Id, cancellationToken);
        CutoverVerbs.Report(context, cutover, step, forced: force);
        return ExitCodes.Ok;
    }

    private static async Task CheckVerifiedAsync(StateStore state, JobRecord job, string shadow, CancellationToken cancellationToken)
    {
        if (job.State != JobState.Completed)
        {
            throw Refused($"job {job.Id} is {JsonOutput.State(job.State)}, not completed: finish it with 'run', then 'verify'");
        }

        var verification = await state.GetLatestVerificationAsync(job.Id, cancellationToken)
            ?? throw Refused($"job {job.Id} has not been verified: run 'reembed verify' first");
        var when = verification.At.ToString("u", CultureInfo.InvariantCulture);
        if (!verification.Passed)
        {
            throw Refused($"the latest verify of job {job.Id} ({when}) failed{(verification.ReportPath is null ? string.Empty : $"; report: {verification.ReportPath}")}");
        }

        if (verification.Candidate != shadow)
        {
            throw Refused($"the latest verify of job {job.Id} checked {verification.Candidate}, not the shadow {shadow}");
        }

        if (job.FinishedAt is { } finished && finished > verification.At)
        {
            throw Refused($"job {job.Id} wrote again after it was verified ({when}): verify again");
        }
    }

    private static ReembedException Refused(string why) =>
        ReembedException.Config("swap", $"refused, nothing changed: {why} (or --force)");
}
