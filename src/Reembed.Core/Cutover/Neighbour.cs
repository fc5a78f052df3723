namespace Reembed;

/// <summary>One result of a nearest-neighbour search: the key and its cosine similarity to the query.</summary>
public readonly record struct Neighbour(string Key, float Score);
