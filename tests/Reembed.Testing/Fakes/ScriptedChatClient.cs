using Microsoft.Extensions.AI;

namespace Reembed.Testing;

/// <summary>A chat client whose <see cref="OnSend"/> hook sees the 0-based request number and may throw or await.</summary>
public sealed class ScriptedChatClient : IChatClient
{
    private int _requests;

    public Func<int, CancellationToken, Task>? OnSend { get; set; }

    public string Reply { get; set; } = "ok";

    public int Requests => Volatile.Read(ref _requests);

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var number = Interlocked.Increment(ref _requests) - 1;
        if (OnSend is not null)
        {
            await OnSend(number, cancellationToken);
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, Reply))
        {
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
