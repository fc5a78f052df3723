using System.Numerics;

namespace Reembed.Hashing;

/// <summary>
/// Term frequencies of the feature hashes of one text: an open-addressing table cleared through its
/// list of used slots, so one text costs time in its own length, not in the table's size.
/// </summary>
/// <remarks>
/// Distinct features are visited in first-seen order, which depends only on the text and the
/// options, so the float sums, and the vectors, are bit-for-bit reproducible.
/// </remarks>
internal sealed class FeatureCounter
{
    private ulong[] _keys = [];
    private int[] _counts = [];
    private int[] _used = [];
    private int _distinct;
    private int _mask;

    /// <summary>Makes room for up to <paramref name="maxFeatures"/> additions; the counter must be empty.</summary>
    public void Prepare(int maxFeatures)
    {
        var size = Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)maxFeatures * 2));
        if (_keys.Length < size)
        {
            _keys = new ulong[size];
            _counts = new int[size];
            _used = new int[size / 2];
        }

        _mask = _keys.Length - 1;
    }

    public void Add(ulong hash)
    {
        var slot = (int)hash & _mask;
        while (_counts[slot] != 0 && _keys[slot] != hash)
        {
            slot = (slot + 1) & _mask;
        }

        if (_counts[slot] == 0)
        {
            _keys[slot] = hash;
            _used[_distinct++] = slot;
        }

        _counts[slot]++;
    }

    /// <summary>
    /// Adds ±(1 + ln tf) per distinct feature to its bucket, then empties the counter. The bucket comes
    /// from the high 32 bits (multiply-shift, no division), the sign from the lowest bit.
    /// </summary>
    public void AddTo(float[] vector)
    {
        var dimensions = (ulong)vector.Length;
        for (var k = 0; k < _distinct; k++)
        {
            var slot = _used[k];
            var hash = _keys[slot];
            var tf = _counts[slot];
            _counts[slot] = 0;
            var weight = tf == 1 ? 1f : (float)(1.0 + Math.Log(tf));
            var bucket = (int)(((hash >> 32) * dimensions) >> 32);
            vector[bucket] += (hash & 1) == 0 ? weight : -weight;
        }

        _distinct = 0;
    }
}
