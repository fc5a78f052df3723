namespace Reembed;

/// <summary>One line of a golden-queries file: a query and the ids a good search returns for it.</summary>
/// <param name="Query">The query text, embedded like a record's text.</param>
/// <param name="Expected">The relevant ids (binary relevance), at least one.</param>
public sealed record GoldenQuery(string Query, IReadOnlyList<string> Expected);
