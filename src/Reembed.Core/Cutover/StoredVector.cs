namespace Reembed;

/// <summary>One vector as a target holds it, read back for verification.</summary>
/// <param name="Key">The record key (the target's id).</param>
/// <param name="Vector">The stored components, as float32.</param>
/// <param name="ContentHash">The content hash stored beside the vector, when the store keeps one.</param>
/// <param name="SpaceId">The space id stored with the vector (per row, or the table's tag), when known.</param>
public readonly record struct StoredVector(string Key, float[] Vector, string? ContentHash, string? SpaceId);
