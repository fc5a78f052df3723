using System.Net.Http.Headers;
using Microsoft.Extensions.AI;

namespace Reembed.Remote;

/// <summary>
/// An OpenAI-compatible <c>/embeddings</c> endpoint (or Azure OpenAI's deployment URL): one HTTP request
/// per call; batching, retries and rate limits belong to the layers above. Safe for concurrent calls.
/// </summary>
internal sealed class OpenAiEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    internal const string ProviderName = "openai";
    internal const string AzureProviderName = "azure-openai";

    private readonly RemoteEndpoint _endpoint;
    private readonly Uri _requestUri;
    private readonly string _model;
    private readonly int? _dimensions;
    private readonly string? _apiKey;
    private readonly bool _azure;
    private readonly EmbeddingGeneratorMetadata _metadata;

    // Cleared for good once the server refuses base64; a race only costs one more refused request.
    private volatile bool _base64;

    public OpenAiEmbeddingGenerator(OpenAiEmbedderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _model = options.Model;
        _dimensions = options.Dimensions;
        _apiKey = string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey;
        _azure = options.AzureApiVersion is not null;
        _base64 = options.PreferBase64;
        var root = RemoteResults.Root(options.BaseUrl);
        _requestUri = _azure
            ? new Uri($"{root}/openai/deployments/{Uri.EscapeDataString(_model)}/embeddings?api-version={Uri.EscapeDataString(options.AzureApiVersion!)}")
            : new Uri($"{root}/embeddings");
        var provider = _azure ? AzureProviderName : ProviderName;
        _endpoint = new RemoteEndpoint(
            RemoteEndpoint.Label(provider, options.BaseUrl), new SecretRedactor([_apiKey]), options.Handler, options.Time, options.RequestTimeout);
        _metadata = new EmbeddingGeneratorMetadata(provider, options.BaseUrl, _model, _dimensions);
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
        var base64 = _base64;
        RemoteResponse<OpenAiResponse> response;
        try
        {
            response = await SendAsync(inputs, dimensions, base64, cancellationToken);
        }
        catch (ApiException ex) when (base64 && RefusesBase64(ex))
        {
            _base64 = false;
            response = await SendAsync(inputs, dimensions, base64: false, cancellationToken);
        }

        var (vectors, promptTokens, totalTokens) = response.Value;
        return RemoteResults.Build(vectors, _model, promptTokens, totalTokens, response.RateLimit);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        RemoteResults.GetService(this, _metadata, serviceType, serviceKey);

    public void Dispose() => _endpoint.Dispose();

    private Task<RemoteResponse<OpenAiResponse>> SendAsync(
        IReadOnlyList<string> inputs, int? dimensions, bool base64, CancellationToken cancellationToken) =>
        _endpoint.PostAsync(
            () => CreateRequest(inputs, dimensions, base64),
            body => OpenAiResponseReader.Read(body, inputs.Count, _endpoint.Provider),
            cancellationToken);

    private HttpRequestMessage CreateRequest(IReadOnlyList<string> inputs, int? dimensions, bool base64)
    {
        // Floats are the protocol's default, so they are asked for by leaving encoding_format out:
        // servers that do not know the parameter at all accept that too.
        var request = new HttpRequestMessage(HttpMethod.Post, _requestUri)
        {
            Content = new EmbedRequestContent(_model, inputs, writer =>
            {
                if (dimensions is int value)
                {
                    writer.WriteNumber("dimensions"u8, value);
                }

                if (base64)
                {
                    writer.WriteString("encoding_format"u8, "base64"u8);
                }
            }),
        };

        if (_apiKey is not null)
        {
            if (_azure)
            {
                request.Headers.TryAddWithoutValidation("api-key", _apiKey);
            }
            else
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
            }
        }

        return request;
    }

    private bool RefusesBase64(ApiException exception)
    {
        if (exception.StatusCode is not (400 or 422))
        {
            return false;
        }

        // Only the server's words count, not the provider label in front of them (a host may be named "base64").
        var message = exception.Message;
        var said = message.StartsWith(_endpoint.Provider, StringComparison.Ordinal) ? message[_endpoint.Provider.Length..] : message;
        return said.Contains("encoding_format", StringComparison.OrdinalIgnoreCase)
            || said.Contains("base64", StringComparison.OrdinalIgnoreCase);
    }
}
