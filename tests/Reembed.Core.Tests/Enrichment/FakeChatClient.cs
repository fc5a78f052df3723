using Microsoft.Extensions.AI;

namespace Reembed.Tests.Enrichment;

/// <summary>Counts calls, keeps the last conversation, and answers through <see cref="Answer"/>.</summary>
internal sealed class FakeChatClient : IChatClient
{
    public int Calls { get; private set; }

    public IReadOnlyList<ChatMessage> LastMessages { get; private set; } = [];

    public ChatOptions? LastOptions { get; private set; }

    public Func<string, string> Answer { get; set; } = text => $"enriched: {text}";

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        LastMessages = [.. messages];
        LastOptions = options;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer(LastMessages[^1].Text))));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
