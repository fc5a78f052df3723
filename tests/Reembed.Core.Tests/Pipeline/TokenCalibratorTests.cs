namespace Reembed.Tests.Pipeline;

public sealed class TokenCalibratorTests
{
    [Fact]
    public void Estimate_BeforeAnyUsage_AssumesThreeCharactersAToken()
    {
        var tokens = new TokenCalibrator();

        Assert.Equal(TokenCalibrator.InitialCharsPerToken, tokens.CharsPerToken);
        Assert.Equal(101, tokens.Estimate(new string('a', 300)));
    }

    [Fact]
    public void Observe_FewTokens_DoesNotCalibrateYet()
    {
        var tokens = new TokenCalibrator();

        tokens.Observe(chars: 4_000, tokens: 1_000);

        Assert.Equal(TokenCalibrator.InitialCharsPerToken, tokens.CharsPerToken);
    }

    [Fact]
    public void Observe_EnoughUsage_LearnsTheRatioLessAMargin()
    {
        var tokens = new TokenCalibrator();

        tokens.Observe(chars: 40_000, tokens: 10_000);

        // 4 characters a token observed; estimates stay 8 % above it.
        Assert.Equal(4 * 0.92, tokens.CharsPerToken, 6);
        Assert.True(tokens.Estimate(new string('a', 4_000)) > 1_000);
        Assert.True(tokens.Estimate(new string('a', 4_000)) < 1_100);
    }

    [Fact]
    public void Observe_AbsurdUsage_StaysWithinBounds()
    {
        var dense = new TokenCalibrator();
        dense.Observe(chars: 1_000, tokens: 100_000);
        var sparse = new TokenCalibrator();
        sparse.Observe(chars: 10_000_000, tokens: 10_000);

        Assert.Equal(1.0, dense.CharsPerToken);
        Assert.Equal(8.0, sparse.CharsPerToken);
    }

    [Fact]
    public void CharsFor_ACap_GivesAPrefixEstimatedWithinIt()
    {
        var tokens = new TokenCalibrator();

        var chars = tokens.CharsFor(500);

        Assert.True(tokens.EstimateLength(chars) <= 500);
        Assert.True(tokens.EstimateLength(chars + 4) > 500);
    }

    [Fact]
    public async Task Observe_FromManyThreads_CountsEverything()
    {
        var tokens = new TokenCalibrator();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                tokens.Observe(chars: 5, tokens: 1);
            }
        })));

        Assert.Equal(5 * 0.92, tokens.CharsPerToken, 6);
    }
}
