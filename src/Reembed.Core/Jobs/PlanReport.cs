namespace Reembed;

/// <summary>What a dry run found: per-mode counts and token estimates. Nothing is written.</summary>
internal sealed class PlanReport
{
    public long Records { get; set; }

    public long Failed { get; set; }

    public long Empty { get; set; }

    /// <summary>Records with no vector of this space in the target.</summary>
    public long Missing { get; set; }

    /// <summary>Records whose stored content hash differs from their text's.</summary>
    public long Changed { get; set; }

    public long Unchanged { get; set; }

    public long MissingTokens { get; set; }

    public long ChangedTokens { get; set; }

    public long UnchangedTokens { get; set; }

    public bool TargetExists { get; set; }

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
