using Reembed.Hashing;

namespace Reembed.Tests.Hashing;

public class HashingEmbedderOptionsTests
{
    [Fact]
    public void Validate_Defaults_Passes()
    {
        var options = new HashingEmbedderOptions();

        options.Validate();

        Assert.Equal(384, options.Dimensions);
        Assert.Equal(["words", "char3"], options.Features);
        Assert.Equal(0, options.Seed);
        Assert.True(options.Lowercase);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(65537)]
    public void Validate_DimensionsOutOfRange_ThrowsNamingKey(int dimensions)
    {
        var options = new HashingEmbedderOptions { Dimensions = dimensions };

        var error = Assert.Throws<ReembedException>(options.Validate);

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal("embedder.dimensions", error.Subject);
        Assert.StartsWith("embedder.dimensions:", error.Message, StringComparison.Ordinal);
        Assert.Contains(dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(65536)]
    public void Validate_DimensionsAtBounds_Passes(int dimensions)
    {
        new HashingEmbedderOptions { Dimensions = dimensions }.Validate();
    }

    [Fact]
    public void Validate_NoFeatures_ThrowsNamingKey()
    {
        var options = new HashingEmbedderOptions { Features = [] };

        var error = Assert.Throws<ReembedException>(options.Validate);

        Assert.Equal("embedder.features", error.Subject);
        Assert.Contains("words, bigrams, char3, char4, char5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NullFeatures_ThrowsNamingKey()
    {
        var options = new HashingEmbedderOptions { Features = null! };

        var error = Assert.Throws<ReembedException>(options.Validate);

        Assert.Equal("embedder.features", error.Subject);
    }

    [Theory]
    [InlineData("char6")]
    [InlineData("Words")]
    [InlineData("")]
    public void Validate_UnknownFeature_ThrowsListingAllowed(string feature)
    {
        var options = new HashingEmbedderOptions { Features = ["words", feature] };

        var error = Assert.Throws<ReembedException>(options.Validate);

        Assert.Equal("embedder.features", error.Subject);
        Assert.Contains($"'{feature}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowed: words, bigrams, char3, char4, char5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateFeature_ThrowsNamingKey()
    {
        var options = new HashingEmbedderOptions { Features = ["char3", "words", "char3"] };

        var error = Assert.Throws<ReembedException>(options.Validate);

        Assert.Equal("embedder.features", error.Subject);
        Assert.Contains("'char3'", error.Message, StringComparison.Ordinal);
        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AllFeatures_Passes()
    {
        new HashingEmbedderOptions { Features = ["words", "bigrams", "char3", "char4", "char5"] }.Validate();
    }
}
