using Reembed.Remote;

namespace Reembed.Tests.Remote.OpenAi;

public class OpenAiEmbedderOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new OpenAiEmbedderOptions();

        Assert.Equal(new Uri("https://api.openai.com/v1"), options.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(60), options.RequestTimeout);
        Assert.True(options.PreferBase64);
        Assert.Null(options.Dimensions);
        Assert.Null(options.AzureApiVersion);
        Assert.Same(TimeProvider.System, options.Time);
    }

    [Fact]
    public void Validate_DefaultsWithModel_Passes()
    {
        var options = new OpenAiEmbedderOptions { Model = "text-embedding-3-small", Dimensions = 65536 };

        options.Validate();

        Assert.Equal("text-embedding-3-small", options.Model);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_NoModel_ThrowsNamingModel(string model)
    {
        var options = new OpenAiEmbedderOptions { Model = model };

        var error = Assert.Throws<ReembedException>(options.Validate);

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal("embedder.model", error.Subject);
        Assert.StartsWith("embedder.model: is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://host/v1")]
    [InlineData("/v1")]
    [InlineData("file:///tmp/x")]
    public void Validate_NotAbsoluteHttp_ThrowsNamingBaseUrl(string url)
    {
        var options = new OpenAiEmbedderOptions { Model = "m", BaseUrl = new Uri(url, UriKind.RelativeOrAbsolute) };

        var error = Assert.Throws<ReembedException>(options.Validate);

        Assert.Equal("embedder.baseUrl", error.Subject);
        Assert.Contains("absolute http:// or https:// URL", error.Message, StringComparison.Ordinal);
        Assert.Contains(url, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65537)]
    public void Validate_DimensionsOutOfRange_ThrowsNamingDimensions(int dimensions)
    {
        var options = new OpenAiEmbedderOptions { Model = "m", Dimensions = dimensions };

        var error = Assert.Throws<ReembedException>(options.Validate);

        Assert.Equal("embedder.dimensions", error.Subject);
        Assert.Contains("between 1 and 65536", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Validate_TimeoutNotPositive_ThrowsNamingTimeout(int seconds)
    {
        var options = new OpenAiEmbedderOptions { Model = "m", RequestTimeout = TimeSpan.FromSeconds(seconds) };

        var error = Assert.Throws<ReembedException>(options.Validate);

        Assert.Equal("embedder.requestTimeoutSeconds", error.Subject);
        Assert.Contains("more than 0 seconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BlankAzureVersion_ThrowsNamingIt()
    {
        var options = new OpenAiEmbedderOptions { Model = "m", AzureApiVersion = " " };

        var error = Assert.Throws<ReembedException>(options.Validate);

        Assert.Equal("embedder.azureApiVersion", error.Subject);
    }

    [Fact]
    public void Validate_KeyWithLineBreak_ThrowsWithoutShowingTheKey()
    {
        var options = new OpenAiEmbedderOptions { Model = "m", ApiKey = "sk-secretvalue123\n" };

        var error = Assert.Throws<ReembedException>(options.Validate);

        Assert.Equal("embedder.apiKeyEnv", error.Subject);
        Assert.DoesNotContain("secretvalue", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateOpenAi_InvalidOptions_ThrowsConfig()
    {
        var error = Assert.Throws<ReembedException>(() => RemoteEmbedders.CreateOpenAi(new OpenAiEmbedderOptions()));

        Assert.Equal(ErrorKind.Config, error.Kind);
    }
}
