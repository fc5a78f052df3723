namespace Reembed.Jsonl;

/// <summary>Settling a step that a kill interrupted, from what the journal announced and what is on disk.</summary>
internal sealed partial class JsonlCutoverTarget
{
    /// <summary>
    /// While the promoted file still has its own name, the live file was not touched: the step is undone
    /// (its copy removed) and journaled as aborted. Once it is gone, the rename over the live name happened,
    /// the copy was whole before it, so the step is journaled as done.
    /// </summary>
    private async ValueTask RecoverAsync(JsonlCutoverJournal journal, CancellationToken cancellationToken)
    {
        if (journal.Pending is not { Step: { } step } pending)
        {
            return;
        }

        var promoted = Path.Combine(_folder, step.Promoted);
        var demoted = Path.Combine(_folder, step.Demoted);
        File.Delete(demoted + PartialSuffix);
        if (File.Exists(promoted))
        {
            // The step never demoted to the live name itself (an empty live file is replaced, not copied).
            if (step.DemotedSpaceId is not null)
            {
                File.Delete(demoted);
            }

            DirectorySync.Flush(_folder);
            await journal.AppendOutcomeAsync(pending.Seq, JsonlJournalEntry.Aborted, cancellationToken);
            return;
        }

        var liveSpace = await JsonlVectorFile.FirstSpaceAsync(_path, cancellationToken);
        if ((step.DemotedSpaceId is not null && !File.Exists(demoted)) || (liveSpace is not null && liveSpace != step.PromotedSpaceId))
        {
            throw new ReembedException(ErrorKind.Fatal,
                $"{Description}: an interrupted {step.Kind} of space {step.PromotedSpaceId} cannot be settled: {step.Promoted} is gone but "
                + (liveSpace != step.PromotedSpaceId ? $"the live file holds space {liveSpace}" : $"{step.Demoted} is missing")
                + $". The files were changed by hand; see {journal.Path}.")
            {
                Subject = "target.path",
            };
        }

        DirectorySync.Flush(_folder);
        await journal.AppendOutcomeAsync(pending.Seq, JsonlJournalEntry.Done, cancellationToken);
    }
}
