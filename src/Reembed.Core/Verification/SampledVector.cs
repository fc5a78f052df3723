namespace Reembed;

/// <summary>A record of the quality sample and its candidate vector, scaled to unit length.</summary>
internal sealed record SampledVector(string Key, float[] Unit);
