using System.Globalization;

namespace Reembed.Hosting;

public sealed partial class ReembedEngine
{
    /// <summary>
    /// Makes the job's shadow live in one atomic step. Refused, with nothing changed, unless the latest verify of the job
    /// passed on that shadow after the job last wrote — or <paramref name="force"/>.
    /// </summary>
    public async Task<CutoverResult> SwapAsync(JobSpec spec, string? jobId, bool force, JobHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var context = Context(host);
        await using var state = await Components.OpenStateAsync(spec, _stores, context, cancellationToken);
        var job = await FindJobAsync(state, spec, jobId, cancellationToken);
        await using var cutover = Targets.OpenShadowCutover(spec, _stores, context);
        if (!force)
        {
            await CheckVerifiedAsync(state, job, cutover.ShadowName(job.SpaceId), cancellationToken);
        }

        var step = await cutover.SwapAsync(job.SpaceId, job.Id, cancellationToken);
        return new CutoverResult(cutover.Description, cutover.LiveName, StepView.From(step), force);
    }

    /// <summary>Reverses the latest swap exactly, in one atomic step.</summary>
    public async Task<CutoverResult> RollbackAsync(JobSpec spec, JobHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await using var cutover = Targets.OpenShadowCutover(spec, _stores, Context(host));
        var step = await cutover.RollbackAsync(cancellationToken);
        return new CutoverResult(cutover.Description, cutover.LiveName, StepView.From(step), Forced: false);
    }

    /// <summary>
    /// Drops the table/file the latest swap or rollback demoted, once <paramref name="confirm"/> agrees (it is told what), and
    /// purges the checkpoint data and failures ledger of the job whose step it was.
    /// </summary>
    public async Task<CleanupResult> CleanupAsync(JobSpec spec, Func<string, bool> confirm, JobHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(confirm);
        var context = Context(host);
        await using var cutover = Targets.OpenShadowCutover(spec, _stores, context);
        var current = await cutover.InspectAsync(cancellationToken);
        if (current.Superseded is not { } loser || current.LastStep is not { } step)
        {
            return new CleanupResult(cutover.Description, null, null)
            {
                Message = "nothing to clean up: no swap or rollback left a superseded table/file",
            };
        }

        var what = $"{loser.Name} ({loser.Count:N0} vectors{(loser.SpaceId is null ? string.Empty : $" of space {loser.SpaceId}")}) in {cutover.Description}";
        await using var state = await Components.OpenStateAsync(spec, _stores, context, cancellationToken);
        if (await WrittenAgainAsync(state, loser, step, cancellationToken) is { } writer)
        {
            // The demoted name is also the shadow name of its space: a job of that space since the step made it a shadow again.
            throw ReembedException.Config("cleanup",
                $"refused, nothing dropped: {loser.Name} was written again by job {writer.Id} after the {step.Kind}; it is a shadow now, not superseded");
        }

        if (!confirm(what))
        {
            throw ReembedException.Config("cleanup", $"not confirmed, nothing dropped: {what}");
        }

        var dropped = await cutover.CleanupAsync(cancellationToken);
        var job = await state.GetJobAsync(step.JobId, cancellationToken);
        string? purged = null;
        if (job is { State: JobState.Completed })
        {
            await state.PurgeJobDataAsync(job.Id, cancellationToken);
            purged = job.Id;
        }

        return new CleanupResult(cutover.Description, dropped, purged) { Message = dropped is null ? "nothing dropped" : $"dropped {what}" };
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

    private static async Task CheckVerifiedAsync(StateStore state, JobRecord job, string shadow, CancellationToken cancellationToken)
    {
        if (job.State != JobState.Completed)
        {
            throw Refused($"job {job.Id} is {StateName(job.State)}, not completed: finish it with 'run', then 'verify'");
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
