using System.Net;
using Reembed.Enrichment;
using Reembed.Testing;

namespace Reembed.Tests.Enrichment;

public sealed class EnrichOptionsTests
{
    private static EnrichOptions Valid() => new() { Model = "rewriter-1", Prompt = "Rewrite." };

    [Fact]
    public void Validate_Defaults_OpenAiAddressAndSixtySeconds()
    {
        var options = Valid();

        options.Validate();

        Assert.Equal("https://api.openai.com/v1", options.BaseUrl.AbsoluteUri.TrimEnd('/'));
        Assert.Equal(TimeSpan.FromSeconds(60), options.RequestTimeout);
    }

    [Theory]
    [InlineData("model", "enrich.model")]
    [InlineData("prompt", "enrich.prompt")]
    [InlineData("baseUrl", "enrich.baseUrl")]
    [InlineData("timeout", "enrich.requestTimeout")]
    public void Validate_BadValue_ThrowsConfigNamingKey(string field, string key)
    {
        var options = Valid();
        switch (field)
        {
            case "model": options.Model = " "; break;
            case "prompt": options.Prompt = ""; break;
            case "baseUrl": options.BaseUrl = new Uri("ftp://llm.test/v1"); break;
            default: options.RequestTimeout = TimeSpan.Zero; break;
        }

        var ex = Assert.Throws<ReembedException>(options.Validate);

        Assert.Equal(ErrorKind.Config, ex.Kind);
        Assert.Equal(key, ex.Subject);
        Assert.StartsWith(key + ": ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateChatClient_InvalidOptions_ThrowsBeforeAnyRequest()
    {
        Assert.Throws<ReembedException>(() => Enrichers.CreateChatClient(new EnrichOptions { Prompt = "Rewrite." }));
    }

    [Fact]
    public async Task Create_OverHttpWithCache_EnrichesOnceAndReusesAnswer()
    {
        using var handler = new RecordingHttpHandler
        {
            Respond = (_, _) => Task.FromResult(RecordingHttpHandler.Json(HttpStatusCode.OK, RecordingHttpHandler.ChatAnswer(" better text "))),
        };
        var options = Valid();
        options.BaseUrl = new Uri("http://llm.test/v1");
        options.Handler = handler;
        using var chat = Enrichers.CreateChatClient(options);
        var enricher = Enrichers.Create(chat, options, new InMemoryEmbeddingCache());

        Assert.Equal("better text", await enricher.EnrichAsync("plain text"));
        Assert.Equal("better text", await enricher.EnrichAsync("plain text"));
        Assert.Single(handler.Requests);
    }
}
