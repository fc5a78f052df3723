namespace Reembed.Testing;

/// <summary>What a target holds for one key, read back by a conformance test straight from the store.</summary>
/// <param name="Vector">The stored vector, as float32.</param>
/// <param name="ContentHash">The stored content hash.</param>
/// <param name="Space">The space id the store keeps with the vector (per row, or per column where it tags the column).</param>
public sealed record StoredRow(float[] Vector, string ContentHash, string Space);
