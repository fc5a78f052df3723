using Microsoft.Extensions.AI;

namespace Reembed.Remote;

/// <summary>
/// Ollama's native <c>/api/embed</c>: one HTTP request per call; batching, retries and rate limits
/// belong to the layers above. Safe for concurrent calls.
/// </summary>
internal sealed class OllamaEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    internal const string ProviderName = "ollama";

    private readonly RemoteEndpoint _endpoint;
    private readonly Uri _requestUri;
    private readonly string _model;
    private readonly int? _dimensions;
    private readonly bool? _truncate;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public OllamaEmbeddingGenerator(OllamaEmbedderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _model = options.Model;
        _dimensions = options.Dimensions;
        _truncate = options.Truncate;
        _requestUri = new Uri($"{RemoteResults.Root(options.BaseUrl)}/api/embed");
        _endpoint = new RemoteEndpoint(
            RemoteEndpoint.Label(ProviderName, options.BaseUrl), SecretRedactor.None, options.Handler, options.Time, options.RequestTimeout);
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, options.BaseUrl, _model, _dimensions);
    }

    /// <summary>
    /// Embeds <paramref name="values"/> in one request. <see cref="EmbeddingGenerationOptions.Dimensions"/>, when
    /// given, overrides the configured dimensions for this call.
    /// </summary>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = RemoteResults.Inputs(values);
        if (inputs.Count == 0)
        {
            return [];
        }

        var dimensions = options?.Dimensions ?? _dimensions;
        var response = await _endpoint.PostAsync(
            () => CreateRequest(inputs, dimensions),
            body => OllamaResponseReader.Read(body, inputs.Count, _endpoint.Provider),
            cancellationToken);
        var (vectors, promptEvalCount) = response.Value;
        return RemoteResults.Build(vectors, _model, promptEvalCount, promptEvalCount, response.RateLimit);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        RemoteResults.GetService(this, _metadata, serviceType, serviceKey);

    public void Dispose() => _endpoint.Dispose();

    private HttpRequestMessage CreateRequest(IReadOnlyList<string> inputs, int? dimensions) =>
        new(HttpMethod.Post, _requestUri)
        {
            Content = new EmbedRequestContent(_model, inputs, writer =>
            {
                if (dimensions is int value)
                {
                    writer.WriteNumber("dimensions"u8, value);
                }

                if (_truncate is bool truncate)
                {
                    writer.WriteBoolean("truncate"u8, truncate);
                }
            }),
        };
}
