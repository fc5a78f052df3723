using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Reembed.Hashing;
using Reembed.Testing.Verification;

namespace Reembed.Tests.Hashing;

/// <summary>
/// Pins <c>hashing-v1</c> bit for bit over 2,000 real Debian texts plus awkward Unicode, for several option sets:
/// a SHA-256 of all the vectors' bytes, recorded from the code before it was optimised. Any speed-up must keep
/// these; if one fails, stored vectors would no longer compare equal to new ones (see <see cref="HashingGoldenTests"/>).
/// </summary>
public class HashingCorpusGoldenTests
{
    private const int DebianCount = 2_000;

    // Batches of mixed lengths, so that scratch buffers reused across the texts of one call are exercised.
    private const int BatchSize = 97;

    private static readonly string[] AwkwardTexts =
    [
        "",
        " ",
        "   \t\r\n  \u00A0\u2003 ",
        "!!! ... --- ;;; ???",
        "𝐀𝐁𝐂 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math 😀 emoji😀joined 𐐀𐐁 Deseret 𐐨𐐩 𝟙𝟚𝟛",
        "e\u0301te\u0301 cafe\u0301 \u0301leading-mark na\u0303o a\u0308\u0304 x\u0903y",
        "ÄÖÜ ÉCOLE ΣΟΦΙΑ ΟΔΟΣ İstanbul ISTANBUL ß ẞ ǅǄǆ Ωmega ДОМ Ⅻ ٣٤٥ ＡＢＣ",
        "lone \uD800 high, lone \uDC00 low, pair\uD835\uDC00in word, reversed \uDC00\uD800 end\uD800",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z",
        "supercalifragilisticexpialidocious pneumonoultramicroscopicsilicovolcanoconiosis",
        "MiXeD CaSe WoRdS 123abc ABC123 x86_64 C++ C# F# .NET e-mail",
        "中文 文本 日本語のテキスト 한국어 텍스트 ไทย العربية עברית",
        "\u0301\u0301 only marks then word\u0301\u0302",
    ];

    public static TheoryData<string, int, string, int, bool, string> OptionSets => new()
    {
        { "default", 384, "words,char3", 0, true, "0cae31b40f06d6087bd550daeb9e96349deba87a82676079df00ba06971b1e66" },
        { "all-seeded-cased", 1000, "words,bigrams,char3,char4,char5", 42, false, "b2a3f1748b7a92479008f8c8b70b6d76b4225dedf5d161f3b5ce7e1b67a5e003" },
        { "bigrams-char4-tiny", 7, "bigrams,char4", -3, true, "99945cf9e06bcd93b06d8c519f719e13e6b151a6c213774d36b67d23c8eb8567" },
        { "char5-cased", 1536, "char5", 1, false, "759cd09ade80f7851ba282bee57a2c4c5b86eadad4a6439a5359e8ed44b8ac45" },
        { "words-one-dim", 1, "words", int.MaxValue, true, "8bf18b30f8da7727da5256b0fce47579ca9285d578adea49a201814332c7ac04" },
        { "char3-char4-odd", 3001, "char4,char3", int.MinValue, false, "5ded3b1a8f5db3401bf26f344f0150ce24a26f423c82c7014df3f174403a9015" },
        { "bigrams-words", 256, "bigrams,words", 7, true, "b45b9f5a6e8840441d05d88af7a5b389a3eb40729d797f5d97c7c97424f52f7b" },
    };

    [Theory]
    [MemberData(nameof(OptionSets))]
    public async Task GenerateAsync_CorpusAndAwkwardTexts_MatchPinnedSha256(
        string name, int dimensions, string features, int seed, bool lowercase, string expected)
    {
        var texts = AwkwardTexts.Concat((await DebianPackages.ReadAsync(DebianCount)).Select(r => r.Text)).ToList();
        var options = new HashingEmbedderOptions
        {
            Dimensions = dimensions,
            Features = features.Split(','),
            Seed = seed,
            Lowercase = lowercase,
        };
        using var generator = HashingEmbedder.Create(options);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var vectors = 0;
        foreach (var batch in texts.Chunk(BatchSize))
        {
            foreach (var embedding in await generator.GenerateAsync(batch))
            {
                Assert.Equal(dimensions, embedding.Vector.Length);
                sha.AppendData(MemoryMarshal.AsBytes(embedding.Vector.Span));
                vectors++;
            }
        }

        Assert.Equal(AwkwardTexts.Length + DebianCount, vectors);
        Assert.Equal((name, expected), (name, Convert.ToHexStringLower(sha.GetHashAndReset())));
    }
}
