namespace Reembed;

/// <summary>
/// The k best neighbours seen so far for one query: a min-heap whose root is the worst kept, so a better
/// candidate replaces it in O(log k). Equal scores keep the smaller key, so the result does not depend on read order.
/// </summary>
internal sealed class TopK
{
    private static readonly WorstFirst Comparer = new();

    private readonly int _k;
    private readonly PriorityQueue<Neighbour, Neighbour> _heap;

    public TopK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        _k = k;
        _heap = new PriorityQueue<Neighbour, Neighbour>(k, Comparer);
    }

    public void Offer(string key, float score)
    {
        var candidate = new Neighbour(key, score);
        if (_heap.Count < _k)
        {
            _heap.Enqueue(candidate, candidate);
        }
        else if (Comparer.Compare(_heap.Peek(), candidate) < 0)
        {
            _heap.DequeueEnqueue(candidate, candidate);
        }
    }

    /// <summary>The kept neighbours, best first.</summary>
    public Neighbour[] ToArray()
    {
        var items = _heap.UnorderedItems.Select(static item => item.Element).ToArray();
        Array.Sort(items, static (a, b) => Comparer.Compare(b, a));
        return items;
    }

    /// <summary>Orders worse neighbours first: lower score, then (on a tie) the larger key.</summary>
    private sealed class WorstFirst : IComparer<Neighbour>
    {
        public int Compare(Neighbour x, Neighbour y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(y.Key, x.Key);
        }
    }
}
