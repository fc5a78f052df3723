namespace Reembed;

/// <summary>How <see cref="Verifier"/> samples and searches (config section <c>verify</c>).</summary>
public sealed class VerifyOptions
{
    /// <summary>Records in the quality sample (config key <c>verify.sampleSize</c>). Default 200.</summary>
    public int SampleSize { get; init; } = 200;

    /// <summary>Neighbour-list length for overlap, self-retrieval and golden queries (config key <c>verify.k</c>). Default 10.</summary>
    public int K { get; init; } = 10;

    /// <summary>Seed of the sample (config key <c>verify.seed</c>): the same seed and data draw the same sample. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The pass/fail thresholds (config section <c>verify.thresholds</c>).</summary>
    public VerifyThresholds Thresholds { get; init; } = new();
}
