namespace Reembed;

/// <summary>
/// Retrieval quality on a golden-queries file for one side (the new vectors or the old), at cut-off k.
/// Relevance is binary: an id is relevant iff it is in the query's <c>expected</c> list.
/// </summary>
/// <param name="Side"><c>new</c> or <c>old</c>.</param>
/// <param name="Queries">Queries evaluated.</param>
/// <param name="K">The cut-off.</param>
/// <param name="RecallAtK">Mean over queries of |expected ∩ top-k| / |expected|.</param>
/// <param name="Mrr">Mean over queries of 1/rank of the first relevant result within the top k (0 when none).</param>
/// <param name="NdcgAtK">Mean over queries of DCG@k / IDCG@k, gain 1 per relevant hit, discount log2(rank + 1).</param>
public sealed record GoldenMetrics(string Side, int Queries, int K, double RecallAtK, double Mrr, double NdcgAtK)
{
    public const string New = "new";
    public const string Old = "old";
}
