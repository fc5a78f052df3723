namespace Reembed.Jsonl;

/// <summary>Swap and rollback: checked and carried out while holding the journal's lock.</summary>
internal sealed partial class JsonlCutoverTarget
{
    public override async ValueTask<CutoverStep> SwapAsync(string spaceId, string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        if (!IsSpaceId(spaceId) || !Directory.Exists(_folder))
        {
            throw NoShadow(spaceId);
        }

        await using var journal = (await OpenJournalAsync(create: true, cancellationToken))!;
        try
        {
            await RecoverAsync(journal, cancellationToken);
            var state = await ReadStateAsync(journal.LastStep, cancellationToken);
            var shadow = state.Others.FirstOrDefault(o => o.Name == ShadowName(spaceId)) ?? throw NoShadow(spaceId);
            if (state.Live.SpaceId == spaceId)
            {
                throw ReembedException.Config("target.path", $"{Description} already holds space {spaceId}; there is nothing to swap in");
            }

            if (shadow.SpaceId is { } shadowSpace && shadowSpace != spaceId)
            {
                throw ReembedException.Config("target.path",
                    $"shadow file {shadow.Name} in {_folder} holds space {shadowSpace}, not {spaceId}; it was written by something else");
            }

            var demotedSpace = state.Live.SpaceId;
            var demoted = demotedSpace is null ? _live : ShadowName(demotedSpace);
            RequireFree(state, demotedSpace, demoted, "swap");
            var step = new CutoverStep(CutoverStep.Swap, jobId, shadow.Name, demoted, spaceId, demotedSpace, _time.GetUtcNow());
            await ExchangeAsync(journal, step, cancellationToken);
            return step;
        }
        catch (ReembedException exception) when (exception.Kind == ErrorKind.Config)
        {
            journal.DeleteIfUnused();
            throw;
        }
    }

    public override async ValueTask<CutoverStep> RollbackAsync(CancellationToken cancellationToken = default)
    {
        await using var journal = await OpenJournalAsync(create: false, cancellationToken)
            ?? throw NothingToRollBack("no swap was made");
        await RecoverAsync(journal, cancellationToken);
        var state = await ReadStateAsync(journal.LastStep, cancellationToken);
        var last = journal.LastStep;
        if (last is null || last.Kind != CutoverStep.Swap)
        {
            throw NothingToRollBack(last is null ? "no swap was made" : "the latest step is already a rollback");
        }

        if (last.DemotedSpaceId is null)
        {
            throw NothingToRollBack($"the latest swap replaced an empty file {last.Demoted}, which was not kept");
        }

        if (!state.Others.Any(o => o.Name == last.Demoted))
        {
            throw NothingToRollBack($"{last.Demoted} was cleaned up since the swap");
        }

        if (state.Live.SpaceId != last.PromotedSpaceId && state.Live.Count > 0)
        {
            throw NothingToRollBack($"the live file no longer holds space {last.PromotedSpaceId}, which the latest swap put there");
        }

        RequireFree(state, last.PromotedSpaceId, last.Promoted, "roll back");
        var step = new CutoverStep(
            CutoverStep.Rollback, last.JobId, last.Demoted, last.Promoted, last.DemotedSpaceId, last.PromotedSpaceId, _time.GetUtcNow());
        await ExchangeAsync(journal, step, cancellationToken);
        return step;
    }

    /// <summary>
    /// Intent, copy of the live file to the demoted name (when it holds a space), rename of the promoted
    /// file over the live name, outcome. A kill before the rename is undone by the next opener; after it,
    /// finished.
    /// </summary>
    private async ValueTask ExchangeAsync(JsonlCutoverJournal journal, CutoverStep step, CancellationToken cancellationToken)
    {
        var seq = await journal.AppendIntentAsync(step, cancellationToken);
        await ReachedAsync(step.Kind + ".intent", cancellationToken);
        try
        {
            if (step.DemotedSpaceId is not null)
            {
                await CopyDurablyAsync(_path, Path.Combine(_folder, step.Demoted), cancellationToken);
            }

            await ReachedAsync(step.Kind + ".renamed", cancellationToken);
            File.Move(Path.Combine(_folder, step.Promoted), _path, overwrite: true);
            DirectorySync.Flush(_folder);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ReembedException(ErrorKind.Fatal,
                $"cannot {step.Kind} {Description}: {exception.Message}. The next swap, rollback or status finishes or undoes it.", exception)
            {
                Subject = "target.path",
            };
        }

        await ReachedAsync(step.Kind + ".promoted", cancellationToken);
        await journal.AppendOutcomeAsync(seq, JsonlJournalEntry.Done, cancellationToken);
    }

    /// <summary>Copies beside the destination and renames it there, so the destination name only ever holds a whole copy.</summary>
    private async ValueTask CopyDurablyAsync(string source, string destination, CancellationToken cancellationToken)
    {
        var partial = destination + PartialSuffix;
        await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
        await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            await input.CopyToAsync(output, cancellationToken);
            await output.FlushAsync(cancellationToken);
            output.Flush(flushToDisk: true);
        }

        File.Move(partial, destination, overwrite: false);
        DirectorySync.Flush(_folder);
    }

    private async ValueTask ReachedAsync(string point, CancellationToken cancellationToken)
    {
        await FaultPoints.ReachedAsync(point, cancellationToken);
        if (StepReached is { } hook)
        {
            await hook(point);
        }
    }

    private void RequireFree(CutoverState state, string? space, string name, string verb)
    {
        if (space is not null && (state.Others.Any(o => o.Name == name) || File.Exists(Path.Combine(_folder, name))))
        {
            throw ReembedException.Config("target.path",
                $"cannot {verb}: {name} in {_folder} already exists and would be overwritten; run cleanup, or delete it");
        }
    }

    private ReembedException NoShadow(string spaceId) =>
        ReembedException.Config("target.path",
            $"{Description} has no shadow file of space {spaceId}; run the job with target.cutover \"shadow\" first");

    private ReembedException NothingToRollBack(string reason) =>
        ReembedException.Config("target.path", $"nothing to roll back in {Description}: {reason}");
}
