namespace Reembed;

/// <summary>
/// What a dry run found: per-mode counts and token estimates of the texts a run would send, composed as the
/// run composes them (input cap, oversize policy, content hash). Nothing is written.
/// </summary>
internal sealed class PlanReport
{
    public long Records { get; set; }

    /// <summary>Records the run would ledger as failed: unreadable, or over the input cap under <c>oversize: fail</c>.</summary>
    public long Failed { get; set; }

    public long Empty { get; set; }

    /// <summary>Records with no vector of this space in the target.</summary>
    public long Missing { get; set; }

    /// <summary>
    /// Records whose stored content hash differs from their text's; with <see cref="TokensBeforeEnrichment"/>,
    /// every record the target holds.
    /// </summary>
    public long Changed { get; set; }

    public long Unchanged { get; set; }

    public long MissingTokens { get; set; }

    public long ChangedTokens { get; set; }

    public long UnchangedTokens { get; set; }

    public bool TargetExists { get; set; }

    /// <summary>
    /// True when the run enriches its texts (a chat model rewrites each before it is hashed and embedded). The plan
    /// does not call the model: its answers are what the run pays for. It composes each source text as the run
    /// composes the rewritten one, as if the model returned it unchanged: tokens, the input cap and the oversize
    /// policy apply to the source text, and rejections by the model are not foreseen. A record the target holds
    /// counts as <see cref="Changed"/>, not <see cref="Unchanged"/>: its stored hash is of a rewritten text the plan
    /// cannot know, so 'changed' is an upper bound (the run re-embeds those whose rewrite moved). In 'missing' mode
    /// the run does not compose the records the target holds, so under <c>oversize: fail</c> an oversize one of them
    /// is in <see cref="Failed"/> here but skipped there.
    /// </summary>
    public bool TokensBeforeEnrichment { get; set; }

    public List<ItemFailureEntry> FirstFailures { get; } = [];

    /// <summary>Seconds one record takes to embed, measured on a sample; null when not measured.</summary>
    public double? SecondsPerRecord { get; set; }

    public (long Items, long Tokens) For(ReembedMode mode) => mode switch
    {
        ReembedMode.Missing => (Missing, MissingTokens),
        ReembedMode.Changed => (Missing + Changed, MissingTokens + ChangedTokens),
        _ => (Missing + Changed + Unchanged, MissingTokens + ChangedTokens + UnchangedTokens),
    };
}
