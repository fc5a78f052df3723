using Microsoft.Extensions.AI;
using Reembed.Enrichment;
using Reembed.Remote;
using Reembed.Testing;

namespace Reembed.Tests.Enrichment;

public sealed class ChatTextEnricherTests
{
    private readonly FakeChatClient _chat = new();
    private readonly InMemoryEmbeddingCache _cache = new();

    private static EnrichOptions Options(string model = "rewriter-1", string prompt = "Rewrite for search.") =>
        new() { Model = model, Prompt = prompt };

    [Fact]
    public async Task EnrichAsync_Text_SendsPromptAsSystemAndTextAsUserAtZeroTemperature()
    {
        var enricher = Enrichers.Create(_chat, Options(), cache: null);

        await enricher.EnrichAsync("libfoo: a library");

        Assert.Equal([ChatRole.System, ChatRole.User], _chat.LastMessages.Select(m => m.Role));
        Assert.Equal(["Rewrite for search.", "libfoo: a library"], _chat.LastMessages.Select(m => m.Text));
        Assert.Equal("rewriter-1", _chat.LastOptions?.ModelId);
        Assert.Equal(0f, _chat.LastOptions?.Temperature);
    }

    [Fact]
    public async Task EnrichAsync_AnswerWithWhitespace_ReturnsItTrimmed()
    {
        _chat.Answer = _ => "\n  A rewritten text.  \n";
        var enricher = Enrichers.Create(_chat, Options(), cache: null);

        Assert.Equal("A rewritten text.", await enricher.EnrichAsync("x"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public async Task EnrichAsync_EmptyAnswer_ThrowsItemAndCachesNothing(string answer)
    {
        _chat.Answer = _ => answer;
        var enricher = Enrichers.Create(_chat, Options(), _cache);

        var ex = await Assert.ThrowsAsync<ApiException>(() => enricher.EnrichAsync("x").AsTask());

        Assert.Equal(ErrorKind.Item, ex.Kind);
        Assert.Equal("empty-enrichment", ex.ErrorClass);
        Assert.Equal(0, _cache.Puts);
    }

    [Fact]
    public async Task EnrichAsync_SameTextTwice_SecondComesFromCacheWithoutChatCall()
    {
        var enricher = Enrichers.Create(_chat, Options(), _cache);

        var first = await enricher.EnrichAsync("same");
        var second = await enricher.EnrichAsync("same");

        Assert.Equal(1, _chat.Calls);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task EnrichAsync_CacheFilledByAnotherEnricherWithSameModelAndPrompt_Hits()
    {
        await Enrichers.Create(_chat, Options(), _cache).EnrichAsync("same");
        var other = Enrichers.Create(new FakeChatClient { Answer = _ => "never asked" }, Options(), _cache);

        Assert.Equal("enriched: same", await other.EnrichAsync("same"));
    }

    [Fact]
    public async Task EnrichAsync_NoCache_AsksEveryTime()
    {
        var enricher = Enrichers.Create(_chat, Options(), cache: null);

        await enricher.EnrichAsync("same");
        await enricher.EnrichAsync("same");

        Assert.Equal(2, _chat.Calls);
    }

    [Theory]
    [InlineData("rewriter-2", "Rewrite for search.")]
    [InlineData("rewriter-1", "Summarise.")]
    public async Task EnrichAsync_OtherModelOrPrompt_MissesTheCache(string model, string prompt)
    {
        await Enrichers.Create(_chat, Options(), _cache).EnrichAsync("same");

        await Enrichers.Create(_chat, Options(model, prompt), _cache).EnrichAsync("same");

        Assert.Equal(2, _chat.Calls);
    }

    [Fact]
    public async Task EnrichAsync_Answer_StoredUnderScopeAndContentHash()
    {
        var enricher = Enrichers.Create(_chat, Options(), _cache);
        await enricher.EnrichAsync("text");

        var found = new Dictionary<string, string>();
        await _cache.GetTextsAsync(ChatTextEnricher.ScopeFor("rewriter-1", "Rewrite for search."), [ContentHash.Compute("text")], found);

        Assert.Equal("enriched: text", Assert.Single(found).Value);
    }

    [Fact]
    public void ScopeFor_ModelAndPrompt_IsSixteenHexOfSha256()
    {
        var expected = Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData("m\np"u8))[..16];

        Assert.Equal(expected, ChatTextEnricher.ScopeFor("m", "p"));
        Assert.Matches("^[0-9a-f]{16}$", ChatTextEnricher.ScopeFor("m", "p"));
    }

    [Fact]
    public async Task EnrichAsync_ChatFails_ExceptionPropagatesAndNothingCached()
    {
        var failure = new ApiException(ErrorKind.Fatal, ApiErrorClasses.Unauthorized, "no");
        _chat.Answer = _ => throw failure;
        var enricher = Enrichers.Create(_chat, Options(), _cache);

        var thrown = await Assert.ThrowsAsync<ApiException>(() => enricher.EnrichAsync("x").AsTask());

        Assert.Same(failure, thrown);
        Assert.Equal(0, _cache.Puts);
    }
}
