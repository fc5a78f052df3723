namespace Reembed;

/// <summary>
/// One record as read from a source: its key, the text composed from it, and where it stands in
/// its shard. A record that could not be read or composed carries a <see cref="Failure"/> instead
/// of a text, so that it is counted and ledgered rather than lost.
/// </summary>
public sealed class SourceRecord
{
    /// <summary>The record id, or a locator such as <c>line:17</c> when the id could not be read.</summary>
    public required string Key { get; init; }

    /// <summary>
    /// Opaque resume token of this record within its shard, e.g. a line number or the id itself.
    /// Reading a shard after this cursor yields exactly the records that follow this one.
    /// </summary>
    public required string Cursor { get; init; }

    /// <summary>The composed text to embed; null when <see cref="Failure"/> is set.</summary>
    public string? Text { get; init; }

    public ItemFailure? Failure { get; init; }

    /// <summary>Where the record is, for messages: <c>line 17</c>, <c>id 42</c>.</summary>
    public string? Locator { get; init; }
}
