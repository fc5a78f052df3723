using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    // 1 + ln tf for small tf, computed by the very expression AddTo used to evaluate per feature, so the weights are the same bits.
    private static readonly float[] Weights = [.. Enumerable.Range(0, 64).Select(tf => tf <= 1 ? 1f : (float)(1.0 + Math.Log(tf)))];

    // Key and count side by side: a probe touches one cache line, not two.
    private Entry[] _entries = [];
    private int[] _used = [];
    private int _distinct;
    private int _mask;

    /// <summary>Makes room for up to <paramref name="maxFeatures"/> additions; the counter must be empty.</summary>
    public void Prepare(int maxFeatures)
    {
        var size = Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)maxFeatures * 2));
        if (_entries.Length < size)
        {
            _entries = new Entry[size];
            _used = new int[size / 2];
        }

        _mask = _entries.Length - 1;
    }

    // Prepare sized the table to at least twice the additions, so a probe always ends at a free slot, and
    // _used (half the table) always has room: the unchecked accesses below stay inside the arrays.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong hash)
    {
        ref var entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        var mask = _mask;
        var slot = (int)hash & mask;
        ref var entry = ref Unsafe.Add(ref entries, slot);
        while (entry.Count != 0)
        {
            if (entry.Key == hash)
            {
                entry.Count++;
                return;
            }

            slot = (slot + 1) & mask;
            entry = ref Unsafe.Add(ref entries, slot);
        }

        entry.Key = hash;
        entry.Count = 1;
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_used), _distinct++) = slot;
    }

    /// <summary>
    /// Adds ±(1 + ln tf) per distinct feature to its bucket, then empties the counter. The bucket comes
    /// from the high 32 bits (multiply-shift, no division), the sign from the lowest bit.
    /// </summary>
    public void AddTo(float[] vector)
    {
        var dimensions = (ulong)vector.Length;
        ref var entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        ref var target = ref MemoryMarshal.GetArrayDataReference(vector);
        var used = _used.AsSpan(0, _distinct);
        foreach (var slot in used)
        {
            ref var entry = ref Unsafe.Add(ref entries, slot);
            var hash = entry.Key;
            var tf = entry.Count;
            entry.Count = 0;
            var weight = (uint)tf < (uint)Weights.Length ? Weights[tf] : (float)(1.0 + Math.Log(tf));

            // The bucket is below dimensions: (h * d) >> 32 < d for any 32-bit h.
            ref var bucket = ref Unsafe.Add(ref target, (nint)(((hash >> 32) * dimensions) >> 32));
            bucket += (hash & 1) == 0 ? weight : -weight;
        }

        _distinct = 0;
    }

    private struct Entry
    {
        public ulong Key;
        public int Count;
    }
}
