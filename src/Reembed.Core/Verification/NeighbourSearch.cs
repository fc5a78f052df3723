namespace Reembed;

/// <summary>
/// Nearest neighbours by cosine similarity for many queries at once: by the store's own search when it has
/// one, otherwise exactly, in one streaming pass over the collection with a top-k heap per query. Memory is
/// O(queries × (d + k)) plus one block of rows, never O(n × d).
/// </summary>
internal static class NeighbourSearch
{
    public const string Store = "store";
    public const string Exact = "exact";

    // Rows are scored a block at a time so that the queries can be spread over the cores without a lock:
    // each query owns its heap, and a block is large enough to amortise the parallel loop.
    private const int BlockRows = 256;

    public static string MethodFor(VectorCollection collection) => collection.CanSearch ? Store : Exact;

    /// <summary>The top <paramref name="k"/> per query, best first, the query's excluded key left out.</summary>
    /// <param name="dimensions">The vector length searched; rows of another length are skipped.</param>
    public static async Task<Neighbour[][]> FindAsync(
        VectorCollection collection, IReadOnlyList<SearchQuery> queries, int k, int dimensions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.Count == 0)
        {
            return [];
        }

        return collection.CanSearch
            ? await SearchStoreAsync(collection, queries, k, cancellationToken)
            : await SearchExactAsync(collection, queries, k, dimensions, cancellationToken);
    }

    private static async Task<Neighbour[][]> SearchStoreAsync(
        VectorCollection collection, IReadOnlyList<SearchQuery> queries, int k, CancellationToken cancellationToken)
    {
        var results = new Neighbour[queries.Count][];
        for (var q = 0; q < queries.Count; q++)
        {
            var (vector, exclude) = queries[q];
            var unit = vector is null ? null : new float[vector.Length];
            if (unit is null || !VectorMath.TryNormalize(vector, unit))
            {
                results[q] = [];
                continue;
            }

            // One more than k, so that k remain once the record itself is dropped.
            var found = await collection.SearchAsync(unit, exclude is null ? k : k + 1, cancellationToken);
            results[q] = [.. found.Where(n => !string.Equals(n.Key, exclude, StringComparison.Ordinal)).Take(k)];
        }

        return results;
    }

    private static async Task<Neighbour[][]> SearchExactAsync(
        VectorCollection collection, IReadOnlyList<SearchQuery> queries, int k, int dimensions, CancellationToken cancellationToken)
    {
        var matrix = new float[queries.Count * dimensions];
        var usable = new bool[queries.Count];
        for (var q = 0; q < queries.Count; q++)
        {
            var vector = queries[q].Vector;
            usable[q] = vector is not null && vector.Length == dimensions
                && VectorMath.TryNormalize(vector, matrix.AsSpan(q * dimensions, dimensions));
        }

        var heaps = queries.Select(_ => new TopK(k)).ToArray();
        var block = new float[BlockRows * dimensions];
        var keys = new string[BlockRows];
        var rows = 0;
        await foreach (var stored in collection.ReadAsync(cancellationToken))
        {
            if (stored.Vector.Length != dimensions || !VectorMath.TryNormalize(stored.Vector, block.AsSpan(rows * dimensions, dimensions)))
            {
                continue;
            }

            keys[rows++] = stored.Key;
            if (rows == BlockRows)
            {
                ScoreBlock(queries, matrix, usable, heaps, block, keys, rows, dimensions, cancellationToken);
                rows = 0;
            }
        }

        ScoreBlock(queries, matrix, usable, heaps, block, keys, rows, dimensions, cancellationToken);
        return [.. heaps.Select(static h => h.ToArray())];
    }

    private static void ScoreBlock(
        IReadOnlyList<SearchQuery> queries, float[] matrix, bool[] usable, TopK[] heaps,
        float[] block, string[] keys, int rows, int dimensions, CancellationToken cancellationToken)
    {
        if (rows == 0)
        {
            return;
        }

        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, queries.Count, options, q =>
        {
            if (!usable[q])
            {
                return;
            }

            var query = matrix.AsSpan(q * dimensions, dimensions);
            var exclude = queries[q].Exclude;
            var heap = heaps[q];
            for (var r = 0; r < rows; r++)
            {
                if (exclude is not null && string.Equals(keys[r], exclude, StringComparison.Ordinal))
                {
                    continue;
                }

                heap.Offer(keys[r], VectorMath.Dot(query, block.AsSpan(r * dimensions, dimensions)));
            }
        });
    }
}
