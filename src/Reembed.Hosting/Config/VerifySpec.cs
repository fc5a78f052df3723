namespace Reembed.Hosting;

/// <summary>The <c>verify</c> section, resolved: sample, thresholds, golden queries, the old model, the report's path.</summary>
public sealed record VerifySpec
{
    public VerifyOptions Options { get; init; } = new();

    /// <summary><c>verify.goldenQueries</c>: a JSON-lines file of <c>{"query", "expected"}</c>, absolute; null for none.</summary>
    public string? GoldenQueries { get; init; }

    /// <summary><c>verify.report</c>: where the HTML report goes, absolute; null for the default beside the state.</summary>
    public string? Report { get; init; }

    /// <summary><c>verify.baselineEmbedder</c>: the model of the live vectors, to embed golden queries and texts for the old side.</summary>
    public EmbedderSpec? BaselineEmbedder { get; init; }
}
