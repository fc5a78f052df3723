using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Reembed.Caching;
using Reembed.Remote;

namespace Reembed.Enrichment;

/// <summary>
/// Asks a chat model to rewrite each text (system = the prompt, user = the text) and remembers the answer
/// in the cache under the model and prompt, so a re-run pays for each text once.
/// </summary>
internal sealed class ChatTextEnricher : TextEnricher
{
    internal const string EmptyAnswerClass = "empty-enrichment";

    private readonly IChatClient _chat;
    private readonly EmbeddingCache? _cache;
    private readonly ChatMessage _system;
    private readonly ChatOptions _chatOptions;

    public ChatTextEnricher(IChatClient chat, EnrichOptions options, EmbeddingCache? cache)
    {
        _chat = chat;
        _cache = cache;
        _system = new ChatMessage(ChatRole.System, options.Prompt);
        _chatOptions = new ChatOptions { ModelId = options.Model, Temperature = 0 };
        Scope = ScopeFor(options.Model, options.Prompt);
    }

    /// <summary>The cache scope: another model or prompt gives other answers, so it must not see these.</summary>
    internal string Scope { get; }

    internal static string ScopeFor(string model, string prompt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(model + "\n" + prompt)))[..16];

    public override async ValueTask<string> EnrichAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = ContentHash.Compute(text);
        if (_cache is not null)
        {
            var found = new Dictionary<string, string>(1, StringComparer.Ordinal);
            await _cache.GetTextsAsync(Scope, [key], found, cancellationToken);
            if (found.TryGetValue(key, out var cached))
            {
                return cached;
            }
        }

        var response = await _chat.GetResponseAsync([_system, new ChatMessage(ChatRole.User, text)], _chatOptions, cancellationToken);
        var answer = response.Text.Trim();
        if (answer.Length == 0)
        {
            throw new ApiException(ErrorKind.Item, EmptyAnswerClass, "the enrichment model returned an empty answer");
        }

        if (_cache is not null)
        {
            await _cache.PutTextsAsync(Scope, [new(key, answer)], cancellationToken);
        }

        return answer;
    }
}
