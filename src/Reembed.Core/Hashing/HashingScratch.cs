namespace Reembed.Hashing;

/// <summary>Buffers reused across the texts of one call; one instance per call keeps the generator free of shared state.</summary>
internal sealed class HashingScratch
{
    /// <summary>The words of the current text, each as <c>^word$</c>, back to back.</summary>
    public char[] Chars = [];

    /// <summary>Per word: offset into <see cref="Chars"/>, then padded length.</summary>
    public int[] Words = [];

    public FeatureCounter Counter = new();

    public static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[Math.Max(length, buffer.Length * 2)];
        }
    }
}
