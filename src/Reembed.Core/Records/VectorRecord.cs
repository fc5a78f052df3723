namespace Reembed;

/// <summary>A vector ready to be written: the record key, the vector and the content hash of its text.</summary>
public readonly record struct VectorRecord(string Key, ReadOnlyMemory<float> Vector, string ContentHash);
