using System.Runtime.CompilerServices;

namespace Reembed.Hashing;

/// <summary>
/// The 64-bit feature hash: FNV-1a over UTF-16 code units, finished with the splitmix64 mixer.
/// </summary>
/// <remarks>
/// Written out here rather than taken from <see cref="string.GetHashCode()"/> or
/// <see cref="HashCode"/>, which are randomised per process: the vectors must be identical across
/// runs and machines. Any change here changes every vector, so it must come with a new model id
/// (<c>hashing-v2</c>) in <see cref="HashingEmbedder.GetSpace"/>.
/// </remarks>
internal static class FeatureHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>Initial state for one feature kind, so equal strings of different kinds or seeds never collide by construction.</summary>
    public static ulong Start(ulong kindTag, int seed) =>
        Mix(FnvOffset ^ Mix((kindTag * Golden) ^ (ulong)(long)seed));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Append(ulong state, ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            state = (state ^ c) * FnvPrime;
        }

        return state;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Append(ulong state, char c) => (state ^ c) * FnvPrime;

    /// <summary>splitmix64 finaliser: raw FNV state is poorly mixed (the last characters barely reach the high bits, which pick the bucket).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
