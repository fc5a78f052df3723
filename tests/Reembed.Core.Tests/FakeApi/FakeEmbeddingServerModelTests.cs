using Reembed.Testing.FakeApi;

namespace Reembed.Tests.FakeApi;

public sealed class FakeEmbeddingServerModelTests
{
    [Fact]
    public void VectorFor_SameText_IsDeterministicUnitLengthAndInRange()
    {
        var a = FakeEmbeddingServer.VectorFor("hello", 100);
        var b = FakeEmbeddingServer.VectorFor("hello", 100);

        Assert.Equal(a, b);
        Assert.Equal(1.0, Math.Sqrt(a.Sum(static v => (double)v * v)), 5);
        Assert.All(a, static v => Assert.InRange(v, -1f, 1f));
        Assert.NotEqual(a, FakeEmbeddingServer.VectorFor("hello!", 100));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("   ", 0)]
    [InlineData("abcd", 1)]
    [InlineData("abcde", 2)]
    [InlineData("a, b.", 4)]
    [InlineData("naïve 123456789", 5)]
    public void CountTokens_Text_CountsWordChunksAndSymbols(string text, int expected)
    {
        Assert.Equal(expected, FakeEmbeddingServer.CountTokens(text));
    }

    [Fact]
    public void Rewrite_UserContent_IsPrefixedAndTrimmed()
    {
        Assert.Equal("[enriched] text", FakeEmbeddingServer.Rewrite("  text\n"));
    }

    [Fact]
    public async Task StartAsync_ZeroRequestsPerMinute_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => FakeEmbeddingServer.StartAsync(new FakeServerOptions { RequestsPerMinute = 0 }));
    }
}
