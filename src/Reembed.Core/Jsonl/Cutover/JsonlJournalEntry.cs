namespace Reembed.Jsonl;

/// <summary>
/// One line of the cut-over journal: an <c>intent</c> (with its step) written before a swap or rollback
/// touches a file, then <c>done</c> or <c>aborted</c> with the same sequence number once it is settled.
/// </summary>
internal sealed record JsonlJournalEntry(long Seq, string State, CutoverStep? Step)
{
    public const string Intent = "intent";
    public const string Done = "done";
    public const string Aborted = "aborted";
}
