using System.Net;
using Reembed.Testing.FakeApi;
using static Reembed.Tests.FakeApi.FakeApiHttp;

namespace Reembed.Tests.FakeApi;

public sealed class FakeEmbeddingServerChatTests
{
    [Fact]
    public async Task ChatCompletions_UserMessage_RepliesWithRewriteAndUsage()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());

        using var response = await PostAsync(server, "v1/chat/completions", new
        {
            model = "gpt-4o-mini",
            messages = new[] { new { role = "system", content = "Be brief." }, new { role = "user", content = "  some text  " } },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        var choice = json.GetProperty("choices")[0];
        Assert.Equal("[enriched] some text", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        var usage = json.GetProperty("usage");
        var prompt = FakeEmbeddingServer.CountTokens("Be brief.") + FakeEmbeddingServer.CountTokens("  some text  ");
        var completion = FakeEmbeddingServer.CountTokens("[enriched] some text");
        Assert.Equal(prompt, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(completion, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(prompt + completion, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(1, server.Counters.ChatRequests);
        Assert.Equal(0, server.Counters.EmbeddingRequests);
    }

    [Fact]
    public async Task ChatCompletions_UnknownModel_Answers404()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());

        using var response = await PostAsync(server, "v1/chat/completions",
            new { model = "text-embedding-3-small", messages = new[] { new { role = "user", content = "x" } } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model_not_found", (await JsonAsync(response)).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletions_NoMessages_Answers400()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions());

        using var response = await PostAsync(server, "v1/chat/completions", new { model = "gpt-4o-mini" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
