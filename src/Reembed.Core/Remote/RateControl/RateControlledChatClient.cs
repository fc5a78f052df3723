using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Reembed.Remote;

/// <summary>
/// A chat client whose calls go through a <see cref="RateController"/>. Streaming is served from one
/// whole response, so that a failure halfway never leaves the caller with half an answer to retry.
/// </summary>
internal sealed class RateControlledChatClient : DelegatingChatClient
{
    // Tokens budgeted for a reply when the caller sets no MaxOutputTokens; settled to the real count after.
    internal const int ReplyAllowance = 256;

    private readonly RateController _controller;
    private readonly Func<string, int> _estimateTokens;

    public RateControlledChatClient(IChatClient inner, RateController controller, Func<string, int> estimateTokens)
        : base(inner)
    {
        _controller = controller;
        _estimateTokens = estimateTokens;
    }

    internal RateController Controller => _controller;

    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var history = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var estimate = RateControl.Sum(history.Select(static m => m.Text), _estimateTokens);
        estimate = (int)Math.Min(int.MaxValue, (long)estimate + (options?.MaxOutputTokens ?? ReplyAllowance));
        return _controller.ExecuteAsync(
            estimate,
            token => InnerClient.GetResponseAsync(history, options, token),
            static response => (Counted(response.Usage), RateControl.RateLimitOf(response.AdditionalProperties)),
            cancellationToken);
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(RateControlStats)
            ? _controller.Stats
            : base.GetService(serviceType, serviceKey);
    }

    private static long? Counted(UsageDetails? usage) =>
        usage is null ? null
        : usage.TotalTokenCount ?? (usage.InputTokenCount is null && usage.OutputTokenCount is null
            ? null
            : (usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0));
}
