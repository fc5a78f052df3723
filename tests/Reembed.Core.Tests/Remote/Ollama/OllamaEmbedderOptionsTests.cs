using Reembed.Remote;

namespace Reembed.Tests.Remote.Ollama;

public class OllamaEmbedderOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new OllamaEmbedderOptions();

        Assert.Equal(new Uri("http://localhost:11434"), options.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(120), options.RequestTimeout);
        Assert.Null(options.Truncate);
        Assert.Null(options.Dimensions);
    }

    [Fact]
    public void Validate_NoModel_ThrowsNamingModel()
    {
        var error = Assert.Throws<ReembedException>(new OllamaEmbedderOptions().Validate);

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal("embedder.model", error.Subject);
    }

    [Fact]
    public void Validate_BadUrl_ThrowsNamingBaseUrl()
    {
        var options = new OllamaEmbedderOptions { Model = "nomic-embed-text", BaseUrl = new Uri("localhost:11434/x", UriKind.RelativeOrAbsolute) };

        var error = Assert.Throws<ReembedException>(options.Validate);

        Assert.Equal("embedder.baseUrl", error.Subject);
    }

    [Fact]
    public void Validate_BadDimensionsAndTimeout_ThrowNamingEach()
    {
        var dimensions = new OllamaEmbedderOptions { Model = "m", Dimensions = 0 };
        var timeout = new OllamaEmbedderOptions { Model = "m", RequestTimeout = TimeSpan.Zero };

        Assert.Equal("embedder.dimensions", Assert.Throws<ReembedException>(dimensions.Validate).Subject);
        Assert.Equal("embedder.requestTimeoutSeconds", Assert.Throws<ReembedException>(timeout.Validate).Subject);
    }

    [Fact]
    public void Validate_ValidOptions_Passes()
    {
        var options = new OllamaEmbedderOptions { Model = "nomic-embed-text", Dimensions = 768, Truncate = false };

        options.Validate();

        Assert.Equal(768, options.Dimensions);
    }
}
