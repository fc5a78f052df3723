namespace Reembed.Testing;

/// <summary>One row a <see cref="VectorCollectionConformanceTests"/> collection is given to hold.</summary>
/// <param name="Key">The record key.</param>
/// <param name="Vector">The vector; null for a row that has none (a record not embedded yet in an in-place column).</param>
/// <param name="ContentHash">The content hash stored beside the vector.</param>
public sealed record CollectionRow(string Key, float[]? Vector, string ContentHash);
