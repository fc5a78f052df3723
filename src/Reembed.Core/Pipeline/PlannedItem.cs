namespace Reembed;

/// <summary>What the planner decided for one source record.</summary>
internal enum Disposition
{
    Embed,
    SkipUnchanged,
    SkipEmpty,
    Fail,
}

/// <summary>One record on its way through the pipeline.</summary>
internal sealed class PlannedItem
{
    public required string Key { get; init; }

    public string? Locator { get; init; }

    public string? Text { get; set; }

    public string? ContentHash { get; set; }

    /// <summary>Estimated tokens of <see cref="Text"/>, as sent.</summary>
    public int Tokens { get; set; }

    public Disposition Disposition { get; set; }

    /// <summary>The vector came from the embedding cache, not from the model.</summary>
    public bool Cached { get; set; }

    public ItemFailure? Failure { get; set; }

    public ReadOnlyMemory<float> Vector { get; set; }
}
