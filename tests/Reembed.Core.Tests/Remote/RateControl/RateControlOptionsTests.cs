using Reembed.Remote;

namespace Reembed.Tests.Remote.RateControl;

public sealed class RateControlOptionsTests
{
    [Theory]
    [InlineData("embedder.requestsPerMinute")]
    [InlineData("embedder.tokensPerMinute")]
    [InlineData("embedder.maxConcurrency")]
    public void Validate_NonPositiveLimit_NamesTheKey(string key)
    {
        var options = new RateControlOptions();
        switch (key)
        {
            case "embedder.requestsPerMinute":
                options.RequestsPerMinute = 0;
                break;
            case "embedder.tokensPerMinute":
                options.TokensPerMinute = -5;
                break;
            default:
                options.MaxConcurrency = 0;
                break;
        }

        var error = Assert.Throws<ReembedException>(() => options.Validate());

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal(key, error.Subject);
    }

    [Fact]
    public void Validate_Defaults_Pass()
    {
        var options = new RateControlOptions();

        options.Validate();

        Assert.Null(options.MaxConcurrency);
        Assert.Equal(TimeSpan.FromSeconds(1), options.InitialBackoff);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MaxBackoff);
        Assert.Null(options.GiveUpAfter);
    }

    [Fact]
    public void Validate_MaxBackoffBelowInitial_Throws()
    {
        var options = new RateControlOptions { InitialBackoff = TimeSpan.FromSeconds(5), MaxBackoff = TimeSpan.FromSeconds(1) };

        var error = Assert.Throws<ReembedException>(() => options.Validate("verify.chat"));

        Assert.Equal("verify.chat.backoff", error.Subject);
    }
}
