namespace Reembed;

/// <summary>One nearest-neighbour query of a verification.</summary>
/// <param name="Vector">The query vector; null (or non-finite, or zero) when it could not be made: it finds nothing.</param>
/// <param name="Exclude">A key left out of the results (the sampled record itself); null to keep every key.</param>
internal readonly record struct SearchQuery(float[]? Vector, string? Exclude);
