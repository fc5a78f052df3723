using Microsoft.Extensions.AI;
using Reembed.Hashing;

namespace Reembed.Tests.Hashing;

public class HashingEmbedderTests
{
    [Fact]
    public void GetSpace_Defaults_DescribesAllParameters()
    {
        var space = HashingEmbedder.GetSpace(new HashingEmbedderOptions());

        Assert.Equal("hashing", space.Provider);
        Assert.Equal("hashing-v1", space.Model);
        Assert.Equal(384, space.Dimensions);
        Assert.True(space.Normalized);
        Assert.Equal("words,char3", space.Parameters["features"]);
        Assert.Equal("0", space.Parameters["seed"]);
        Assert.Equal("true", space.Parameters["lowercase"]);
        Assert.Equal("hashing/hashing-v1 dims=384 norm=l2 features=words,char3 lowercase=true seed=0", space.Description);
    }

    [Fact]
    public void GetSpace_EqualOptions_EqualIds()
    {
        var first = HashingEmbedder.GetSpace(new HashingEmbedderOptions { Dimensions = 64, Seed = 7, Features = ["bigrams"] });
        var second = HashingEmbedder.GetSpace(new HashingEmbedderOptions { Dimensions = 64, Seed = 7, Features = ["bigrams"] });

        Assert.Equal(first.Id, second.Id);
    }

    public static TheoryData<string> Variations => ["dimensions", "features", "seed", "lowercase", "negative seed"];

    [Theory]
    [MemberData(nameof(Variations))]
    public void GetSpace_AnyParameterDiffers_IdDiffers(string variation)
    {
        var changed = new HashingEmbedderOptions();
        switch (variation)
        {
            case "dimensions": changed.Dimensions = 385; break;
            case "features": changed.Features = ["words", "char3", "bigrams"]; break;
            case "seed": changed.Seed = 1; break;
            case "lowercase": changed.Lowercase = false; break;
            default: changed.Seed = -1; break;
        }

        var baseline = HashingEmbedder.GetSpace(new HashingEmbedderOptions());

        Assert.NotEqual(baseline.Id, HashingEmbedder.GetSpace(changed).Id);
    }

    [Fact]
    public void GetSpace_FeatureOrder_SameId()
    {
        var first = HashingEmbedder.GetSpace(new HashingEmbedderOptions { Features = ["char3", "bigrams", "words"] });
        var second = HashingEmbedder.GetSpace(new HashingEmbedderOptions { Features = ["words", "bigrams", "char3"] });

        Assert.Equal(first.Id, second.Id);
        Assert.Equal("words,bigrams,char3", first.Parameters["features"]);
    }

    [Fact]
    public void GetSpace_InvalidOptions_ThrowsConfig()
    {
        var error = Assert.Throws<ReembedException>(() => HashingEmbedder.GetSpace(new HashingEmbedderOptions { Dimensions = 0 }));

        Assert.Equal("embedder.dimensions", error.Subject);
    }

    [Fact]
    public void Create_InvalidOptions_ThrowsConfig()
    {
        var error = Assert.Throws<ReembedException>(() => HashingEmbedder.Create(new HashingEmbedderOptions { Features = ["char2"] }));

        Assert.Equal("embedder.features", error.Subject);
    }

    [Fact]
    public void Create_Metadata_NamesProviderModelAndDimensions()
    {
        using var generator = HashingEmbedder.Create(new HashingEmbedderOptions { Dimensions = 128 });

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("hashing", metadata.ProviderName);
        Assert.Equal("hashing-v1", metadata.DefaultModelId);
        Assert.Equal(128, metadata.DefaultModelDimensions);
        Assert.Null(generator.GetService(typeof(EmbeddingGeneratorMetadata), serviceKey: "other"));
        Assert.Same(generator, generator.GetService(typeof(IEmbeddingGenerator<string, Embedding<float>>)));
    }

    [Fact]
    public async Task Create_OptionsChangedAfterwards_GeneratorUnaffected()
    {
        var options = new HashingEmbedderOptions { Dimensions = 32 };
        using var generator = HashingEmbedder.Create(options);
        var before = await generator.GenerateVectorAsync("stable text");

        options.Dimensions = 64;
        options.Seed = 9;
        options.Features.Add("bigrams");
        var after = await generator.GenerateVectorAsync("stable text");

        Assert.Equal(32, after.Length);
        Assert.Equal(before.ToArray(), after.ToArray());
    }
}
