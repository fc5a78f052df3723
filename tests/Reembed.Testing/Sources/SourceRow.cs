namespace Reembed.Testing;

/// <summary>
/// One record a <see cref="RecordSourceConformanceTests"/> store holds: an id and the two fields its text
/// template composes (<c>{title}{body}</c>), or, with <see cref="Unreadable"/>, a record the store holds in a
/// form it cannot read (a line that is not JSON, a field that is not text, a missing id).
/// </summary>
public sealed record SourceRow(string Id, string Title, string Body)
{
    /// <summary>When set, the store holds this row so that it cannot be read; its id and fields may be ignored.</summary>
    public bool Unreadable { get; init; }

    /// <summary>The text the template composes from this row.</summary>
    public string Text => Title + Body;
}
