using Reembed.Hashing;

namespace Reembed;

/// <summary>
/// Draws the quality sample in one streaming pass: each key gets a 64-bit hash seeded with the sample seed
/// (the hashing embedder's FNV-1a + splitmix64, identical across processes and machines), and the keys with
/// the smallest hashes are kept in a bounded max-heap. Unlike reservoir sampling with a <see cref="Random"/>,
/// the sample depends only on the seed and the set of keys, never on the order the store returns them in.
/// </summary>
internal sealed class SampleSelector
{
    // Keeps sample hashes apart from the hashing embedder's feature kinds (1 to 5) for the same seed.
    private const ulong SampleTag = 0x5A4D504C45;

    private static readonly LargestFirst Comparer = new();

    private readonly int _size;
    private readonly ulong _start;
    private readonly PriorityQueue<SampledVector, (ulong Hash, string Key)> _heap;
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public SampleSelector(int size, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        _size = size;
        _start = FeatureHash.Start(SampleTag, seed);
        _heap = new PriorityQueue<SampledVector, (ulong, string)>(Comparer);
    }

    public ulong HashOf(string key) => FeatureHash.Mix(FeatureHash.Append(_start, key));

    /// <summary>Considers a good vector; a key already in the sample (a duplicate row) keeps its first vector.</summary>
    public void Offer(string key, ReadOnlySpan<float> vector)
    {
        if (_keys.Contains(key))
        {
            return;
        }

        var rank = (HashOf(key), key);
        if (_heap.Count == _size && _heap.TryPeek(out _, out var largest) && Comparer.Compare(largest, rank) >= 0)
        {
            return;
        }

        var unit = new float[vector.Length];
        if (!VectorMath.TryNormalize(vector, unit))
        {
            return;
        }

        if (_heap.Count == _size)
        {
            _keys.Remove(_heap.Dequeue().Key);
        }

        _heap.Enqueue(new SampledVector(key, unit), rank);
        _keys.Add(key);
    }

    /// <summary>The sample in hash order (stable for a seed and a set of keys).</summary>
    public IReadOnlyList<SampledVector> ToList() =>
        [.. _heap.UnorderedItems.OrderBy(item => item.Priority.Hash).ThenBy(item => item.Priority.Key, StringComparer.Ordinal)
            .Select(item => item.Element)];

    private sealed class LargestFirst : IComparer<(ulong Hash, string Key)>
    {
        public int Compare((ulong Hash, string Key) x, (ulong Hash, string Key) y)
        {
            var byHash = y.Hash.CompareTo(x.Hash);
            return byHash != 0 ? byHash : string.CompareOrdinal(y.Key, x.Key);
        }
    }
}
