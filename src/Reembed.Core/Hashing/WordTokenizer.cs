using System.Globalization;
using System.Text;

namespace Reembed.Hashing;

/// <summary>
/// Words are runs of letters and digits (Unicode-aware, combining marks kept inside a word);
/// everything else separates them.
/// </summary>
internal static class WordTokenizer
{
    private const char WordStart = '^';
    private const char WordEnd = '$';

    // Per ASCII char: what goes into the word (the char itself, or lower-cased as char.ToLowerInvariant does), 0 for a separator.
    private static readonly char[] AsciiSame = AsciiTable(lowercase: false);
    private static readonly char[] AsciiLower = AsciiTable(lowercase: true);

    /// <summary>
    /// Copies the words of <paramref name="text"/> into the scratch buffer as <c>^word$</c>, lower-cased
    /// when asked, and records each one's offset and padded length.
    /// </summary>
    public static int Tokenize(string text, bool lowercase, HashingScratch scratch, out int paddedLength)
    {
        // Worst case "a b c": every other char is a one-letter word that gains two markers.
        HashingScratch.Grow(ref scratch.Chars, (2 * text.Length) + 2);
        HashingScratch.Grow(ref scratch.Words, text.Length + 2);
        var chars = scratch.Chars;
        var words = scratch.Words;
        var pos = 0;
        var count = 0;
        var start = -1;
        var ascii = lowercase ? AsciiLower : AsciiSame;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAscii(c))
            {
                // Most text is ASCII: one table look-up replaces the Unicode category checks and the culture-free lower-casing.
                var mapped = ascii[c];
                if (mapped != 0)
                {
                    if (start < 0)
                    {
                        start = pos;
                        chars[pos++] = WordStart;
                    }

                    chars[pos++] = mapped;
                    continue;
                }
            }
            else if (char.IsLetterOrDigit(c) || (start >= 0 && IsCombiningMark(c)))
            {
                if (start < 0)
                {
                    start = pos;
                    chars[pos++] = WordStart;
                }

                chars[pos++] = lowercase ? char.ToLowerInvariant(c) : c;
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var rune = new Rune(c, text[i + 1]);
                if (Rune.IsLetterOrDigit(rune))
                {
                    if (start < 0)
                    {
                        start = pos;
                        chars[pos++] = WordStart;
                    }

                    pos += (lowercase ? Rune.ToLowerInvariant(rune) : rune).EncodeToUtf16(chars.AsSpan(pos));
                    i++;
                    continue;
                }
            }

            if (start >= 0)
            {
                chars[pos++] = WordEnd;
                words[2 * count] = start;
                words[(2 * count) + 1] = pos - start;
                count++;
                start = -1;
            }
        }

        if (start >= 0)
        {
            chars[pos++] = WordEnd;
            words[2 * count] = start;
            words[(2 * count) + 1] = pos - start;
            count++;
        }

        paddedLength = pos;
        return count;
    }

    private static char[] AsciiTable(bool lowercase)
    {
        var table = new char[128];
        for (var c = (char)0; c < table.Length; c++)
        {
            table[c] = !char.IsLetterOrDigit(c) ? '\0' : lowercase ? char.ToLowerInvariant(c) : c;
        }

        return table;
    }

    private static bool IsCombiningMark(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
