using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Reembed.Hashing;

/// <summary>The character n-grams of one padded word (<c>^word$</c>), each hashed from its kind's start state.</summary>
internal static class CharGrams
{
    public static void Count(FeatureCounter counter, ulong state, ReadOnlySpan<char> padded, int n)
    {
        // A word shorter than n still contributes: its whole padded form is its one n-gram.
        if (padded.Length <= n)
        {
            counter.Add(FeatureHash.Mix(FeatureHash.Append(state, padded)));
            return;
        }

        if (n == 3)
        {
            CountTrigrams(counter, state, padded);
            return;
        }

        ref var first = ref MemoryMarshal.GetReference(padded);
        for (var i = 0; i + n <= padded.Length; i++)
        {
            counter.Add(FeatureHash.Mix(FeatureHash.Append(state, MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref first, i), n))));
        }
    }

    // The default kind, and most of the work: the same FNV-1a steps as Append over three chars, with the chars
    // carried in registers from one gram to the next instead of being re-read through a slice.
    private static void CountTrigrams(FeatureCounter counter, ulong state, ReadOnlySpan<char> padded)
    {
        var c0 = padded[0];
        var c1 = padded[1];
        foreach (var c2 in padded[2..])
        {
            counter.Add(FeatureHash.Mix(FeatureHash.Append(FeatureHash.Append(FeatureHash.Append(state, c0), c1), c2)));
            c0 = c1;
            c1 = c2;
        }
    }
}
