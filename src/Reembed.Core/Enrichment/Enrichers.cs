using Microsoft.Extensions.AI;
using Reembed.Caching;

namespace Reembed.Enrichment;

/// <summary>Creates the enrichment stage's chat client and text enricher.</summary>
public static class Enrichers
{
    /// <summary>
    /// A chat client for the OpenAI-compatible <c>/chat/completions</c> endpoint at <see cref="EnrichOptions.BaseUrl"/>.
    /// Its failures are classified <see cref="Remote.ApiException"/>s; it does not retry or rate-limit by itself.
    /// </summary>
    public static IChatClient CreateChatClient(EnrichOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new OpenAiChatClient(options);
    }

    /// <summary>
    /// An enricher that sends each text to <paramref name="chat"/> with <see cref="EnrichOptions.Prompt"/> as the
    /// system message, and keeps the answers in <paramref name="cache"/> (when given) under the model and prompt.
    /// </summary>
    public static TextEnricher Create(IChatClient chat, EnrichOptions options, EmbeddingCache? cache)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new ChatTextEnricher(chat, options, cache);
    }
}
