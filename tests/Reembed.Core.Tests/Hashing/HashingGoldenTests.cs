using Reembed.Hashing;

namespace Reembed.Tests.Hashing;

/// <summary>
/// Pins the exact output of <c>hashing-v1</c>. If one of these fails, the algorithm changed and
/// every stored hashing vector is now incomparable with new ones: the model id in the space
/// (<c>HashingEmbeddingGenerator.ModelId</c>) must change too (e.g. to <c>hashing-v2</c>) before these
/// values are updated.
/// </summary>
public class HashingGoldenTests
{
    private const string Text = "The quick brown fox jumps over the lazy dog; the dog sleeps. Größe café 42";

    [Fact]
    public async Task GenerateAsync_DefaultOptions_MatchesPinnedComponents()
    {
        uint[] expected =
        [
            0x00000000, 0x00000000, 0x00000000, 0x00000000, 0x3E425F7E, 0x00000000, 0xBE70EB9C, 0x00000000,
            0x00000000, 0x00000000, 0x00000000, 0x3DE59984, 0x00000000, 0x00000000, 0x3E425F7E, 0x00000000,
        ];

        var vector = await HashingEmbeddingGeneratorTests.EmbedAsync(new HashingEmbedderOptions(), Text);

        Assert.Equal(expected, vector.Take(expected.Length).Select(v => (uint)BitConverter.SingleToInt32Bits(v)));
        Assert.Equal("hashing-v1", HashingEmbedder.GetSpace(new HashingEmbedderOptions()).Model);
    }

    [Fact]
    public async Task GenerateAsync_AllFeaturesSeededCased_MatchesPinnedVector()
    {
        uint[] expected =
        [
            0x3DBF2214, 0x00000000, 0xBE21CEE9, 0x3DBF2214, 0xBEF2B65E, 0x3E8F598F, 0xBF0A5FE8, 0xBE3F2214,
            0x3D847BBF, 0x3E8F598F, 0x3E8F598F, 0xBE80AFFA, 0xBE3F2214, 0xBDBF2214, 0x3E21CEE9, 0x3E3F2214,
        ];
        var options = new HashingEmbedderOptions
        {
            Dimensions = 16,
            Features = ["words", "bigrams", "char3", "char4", "char5"],
            Seed = 42,
            Lowercase = false,
        };

        var vector = await HashingEmbeddingGeneratorTests.EmbedAsync(options, Text);

        Assert.Equal(expected, vector.Select(v => (uint)BitConverter.SingleToInt32Bits(v)));
    }
}
