using Reembed.Hashing;

namespace Reembed.Tests.Hashing;

public class WordTokenizerTests
{
    [Theory]
    [InlineData("Hello, World!", true, new[] { "^hello$", "^world$" })]
    [InlineData("Hello, World!", false, new[] { "^Hello$", "^World$" })]
    [InlineData("x86_64-linux-gnu 2.0", true, new[] { "^x86$", "^64$", "^linux$", "^gnu$", "^2$", "^0$" })]
    [InlineData("Größe ΑΒΓ данные", true, new[] { "^größe$", "^αβγ$", "^данные$" })]
    [InlineData("a b c", true, new[] { "^a$", "^b$", "^c$" })]
    [InlineData("", true, new string[0])]
    [InlineData(" \n\t-- ", true, new string[0])]
    public void Tokenize_Text_PaddedWords(string text, bool lowercase, string[] expected)
    {
        Assert.Equal(expected, Tokenize(text, lowercase));
    }

    [Fact]
    public void Tokenize_CombiningMarkInsideWord_KeepsOneWord()
    {
        // "naïve" in decomposed form: i + U+0308 COMBINING DIAERESIS.
        Assert.Equal(["^nai\u0308ve$"], Tokenize("nai\u0308ve", lowercase: true));
    }

    [Fact]
    public void Tokenize_SupplementaryLetter_KeptInWordAndLowerCased()
    {
        // U+10400 DESERET CAPITAL LETTER LONG I lower-cases to U+10428, both outside the BMP.
        Assert.Equal(["^ab\U00010428c$"], Tokenize("ab\U00010400c", lowercase: true));
        Assert.Equal(["^x$", "^y$"], Tokenize("x\U0001F600y", lowercase: true));
    }

    [Fact]
    public void Tokenize_ReusedScratch_NoLeftovers()
    {
        var scratch = new HashingScratch();
        WordTokenizer.Tokenize("a long first text with many words in it", lowercase: true, scratch, out _);

        var count = WordTokenizer.Tokenize("short", lowercase: true, scratch, out var padded);

        Assert.Equal(1, count);
        Assert.Equal(7, padded);
    }

    private static string[] Tokenize(string text, bool lowercase)
    {
        var scratch = new HashingScratch();
        var count = WordTokenizer.Tokenize(text, lowercase, scratch, out var padded);
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = new string(scratch.Chars, scratch.Words[2 * i], scratch.Words[(2 * i) + 1]);
        }

        Assert.Equal(words.Sum(w => w.Length), padded);
        return words;
    }
}
