namespace Reembed;

/// <summary>recall@k, MRR and nDCG@k of golden queries from their top-k results (binary relevance).</summary>
internal static class GoldenScoring
{
    /// <param name="results">Per query, its top k (at most k ids), best first.</param>
    public static GoldenMetrics Score(string side, IReadOnlyList<GoldenQuery> queries, IReadOnlyList<IReadOnlyList<string>> results, int k)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(results);
        if (queries.Count != results.Count)
        {
            throw new ArgumentException("One result list per query is needed.", nameof(results));
        }

        double recall = 0, mrr = 0, ndcg = 0;
        for (var q = 0; q < queries.Count; q++)
        {
            var (queryRecall, reciprocalRank, queryNdcg) = ScoreOne(queries[q].Expected, results[q], k);
            recall += queryRecall;
            mrr += reciprocalRank;
            ndcg += queryNdcg;
        }

        var count = Math.Max(queries.Count, 1);
        return new GoldenMetrics(side, queries.Count, k, recall / count, mrr / count, ndcg / count);
    }

    private static (double Recall, double ReciprocalRank, double Ndcg) ScoreOne(IReadOnlyList<string> expected, IReadOnlyList<string> top, int k)
    {
        var relevant = new HashSet<string>(expected, StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        double reciprocalRank = 0, dcg = 0;
        for (var i = 0; i < Math.Min(k, top.Count); i++)
        {
            // A key a store holds twice is one hit, not two.
            if (!relevant.Contains(top[i]) || !found.Add(top[i]))
            {
                continue;
            }

            var rank = i + 1;
            if (reciprocalRank == 0)
            {
                reciprocalRank = 1.0 / rank;
            }

            dcg += Discount(rank);
        }

        var ideal = 0.0;
        for (var rank = 1; rank <= Math.Min(relevant.Count, k); rank++)
        {
            ideal += Discount(rank);
        }

        return ((double)found.Count / relevant.Count, reciprocalRank, ideal == 0 ? 0 : dcg / ideal);
    }

    private static double Discount(int rank) => 1.0 / Math.Log2(rank + 1);
}
