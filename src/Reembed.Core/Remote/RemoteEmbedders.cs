using Microsoft.Extensions.AI;

namespace Reembed.Remote;

/// <summary>
/// The HTTP embedders: any OpenAI-compatible <c>/embeddings</c> endpoint (Azure OpenAI included) and Ollama's
/// native <c>/api/embed</c>. Each call of a generator is one request; failures surface as <see cref="ApiException"/>.
/// </summary>
public static class RemoteEmbedders
{
    /// <summary>Validates <paramref name="options"/> and creates the generator. Later changes to the options do not affect it.</summary>
    /// <exception cref="ReembedException">An option is invalid (kind <see cref="ErrorKind.Config"/>).</exception>
    public static IEmbeddingGenerator<string, Embedding<float>> CreateOpenAi(OpenAiEmbedderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OpenAiEmbeddingGenerator(options);
    }

    /// <summary>Validates <paramref name="options"/> and creates the generator. Later changes to the options do not affect it.</summary>
    /// <exception cref="ReembedException">An option is invalid (kind <see cref="ErrorKind.Config"/>).</exception>
    public static IEmbeddingGenerator<string, Embedding<float>> CreateOllama(OllamaEmbedderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OllamaEmbeddingGenerator(options);
    }
}
