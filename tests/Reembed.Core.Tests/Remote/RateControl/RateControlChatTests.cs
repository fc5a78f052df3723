using Microsoft.Extensions.AI;
using Reembed.Remote;
using Reembed.Testing;
using static Reembed.Tests.Remote.RateControl.RateControlTestKit;

namespace Reembed.Tests.Remote.RateControl;

public sealed class RateControlChatTests
{
    [Fact]
    public async Task GetResponse_TransientErrors_RetriedAndReplyReturned()
    {
        var clock = new ManualTimeProvider();
        var inner = new ScriptedChatClient
        {
            Reply = "fine",
            OnSend = (n, _) => n < 2 ? throw RateLimited(TimeSpan.FromSeconds(3)) : Task.CompletedTask,
        };
        var client = Reembed.Remote.RateControl.Wrap(inner, Options(clock));

        var response = await clock.RunUntilAsync(client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]), Limit);

        Assert.Equal("fine", response.Text);
        Assert.Equal(3, inner.Requests);
        var stats = Stats(client);
        Assert.Equal(2, stats.Retries);
        Assert.Equal(2, stats.RateLimited);
        Assert.Equal(15, stats.TokensSettled);
    }

    [Fact]
    public async Task GetStreamingResponse_TransientError_RetriedAndUpdatesStreamed()
    {
        var clock = new ManualTimeProvider();
        var inner = new ScriptedChatClient
        {
            Reply = "streamed",
            OnSend = (n, _) => n == 0 ? throw ServerError() : Task.CompletedTask,
        };
        var client = Reembed.Remote.RateControl.Wrap(inner, Options(clock));

        var text = await clock.RunUntilAsync(CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")])), Limit);

        Assert.Equal("streamed", text);
        Assert.Equal(2, inner.Requests);
    }

    private static async Task<string> CollectAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var text = "";
        await foreach (var update in updates)
        {
            text += update.Text;
        }

        return text;
    }
}
