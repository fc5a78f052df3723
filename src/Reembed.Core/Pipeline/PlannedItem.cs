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

    public string? Text { get; init; }

    public string? ContentHash { get; init; }

    public Disposition Disposition { get; set; }

    public ItemFailure? Failure { get; set; }

    public ReadOnlyMemory<float> Vector { get; set; }
}
