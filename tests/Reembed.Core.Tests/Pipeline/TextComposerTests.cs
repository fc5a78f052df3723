namespace Reembed.Tests.Pipeline;

public sealed class TextComposerTests
{
    [Fact]
    public void Truncate_ShortText_Unchanged() => Assert.Equal("short", TextComposer.Truncate("short", 10));

    [Fact]
    public void Truncate_LongText_CutsAtAWordBoundaryWithinTheLimit()
    {
        var cut = TextComposer.Truncate("alpha beta gamma delta", 13);

        Assert.Equal("alpha beta", cut);
    }

    [Fact]
    public void Truncate_NoSpaceNearby_NeverSplitsASurrogatePair()
    {
        var text = new string('x', 99) + "😀" + new string('y', 50);

        var cut = TextComposer.Truncate(text, 100);

        Assert.Equal(99, cut.Length);
        Assert.False(char.IsHighSurrogate(cut[^1]));
    }
}
