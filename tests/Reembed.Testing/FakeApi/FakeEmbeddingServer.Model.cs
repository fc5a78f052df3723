using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Reembed.Testing.FakeApi;

public sealed partial class FakeEmbeddingServer
{
    /// <summary>
    /// The vector the server returns for <paramref name="text"/>: SHA-256 of the UTF-8 text, stretched by
    /// hashing it again with a block counter, mapped to [-1, 1] and L2-normalised.
    /// </summary>
    public static float[] VectorFor(string text, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        Span<byte> block = stackalloc byte[SHA256.HashSizeInBytes + sizeof(int)];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), block);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var values = new double[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            var word = i % (SHA256.HashSizeInBytes / sizeof(uint));
            if (word == 0)
            {
                BinaryPrimitives.WriteInt32LittleEndian(block[SHA256.HashSizeInBytes..], i);
                SHA256.HashData(block, digest);
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(digest[(word * sizeof(uint))..]);
            values[i] = (bits / (double)uint.MaxValue * 2) - 1;
        }

        return Normalize(values);
    }

    /// <summary>
    /// A deterministic stand-in for a BPE tokenizer: each run of letters or digits is ceil(length / 4)
    /// tokens, each other character that is not white space is one.
    /// </summary>
    public static int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TokenEnds(text).Count();
    }

    /// <summary>The chat model's reply to a user message.</summary>
    public static string Rewrite(string userContent)
    {
        ArgumentNullException.ThrowIfNull(userContent);
        return "[enriched] " + userContent.Trim();
    }

    internal static float[] Normalize(double[] values)
    {
        var norm = Math.Sqrt(values.Sum(static v => v * v));
        if (norm == 0)
        {
            norm = 1;
        }

        var vector = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            vector[i] = (float)Math.Clamp(values[i] / norm, -1, 1);
        }

        return vector;
    }

    /// <summary>The longest prefix of <paramref name="text"/> that is at most <paramref name="maxTokens"/> tokens.</summary>
    internal static string TruncateToTokens(string text, int maxTokens)
    {
        var end = 0;
        var count = 0;
        foreach (var tokenEnd in TokenEnds(text))
        {
            if (++count > maxTokens)
            {
                break;
            }

            end = tokenEnd;
        }

        return text[..end];
    }

    // The end offset of each token, in order.
    private static IEnumerable<int> TokenEnds(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else if (char.IsLetterOrDigit(text[i]))
            {
                var start = i;
                while (i < text.Length && char.IsLetterOrDigit(text[i]))
                {
                    i++;
                }

                for (var end = start + 4; end < i; end += 4)
                {
                    yield return end;
                }

                yield return i;
            }
            else
            {
                // A surrogate pair is one character of text.
                i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                yield return i;
            }
        }
    }
}
