namespace Reembed;

/// <summary>One table or file of a target, as <see cref="CutoverTarget.InspectAsync"/> finds it.</summary>
/// <param name="Name">Its name within the target (a table name, a file name).</param>
/// <param name="SpaceId">The space its vectors are tagged with; null when it is empty and untagged.</param>
/// <param name="Count">How many vectors it holds.</param>
public sealed record CutoverTable(string Name, string? SpaceId, long Count);
