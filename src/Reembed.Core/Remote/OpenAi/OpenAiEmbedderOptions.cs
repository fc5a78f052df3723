namespace Reembed.Remote;

/// <summary>
/// Options of the <c>openai</c> embedder (config section <c>embedder</c> with <c>"type": "openai"</c>):
/// any server with an OpenAI-compatible <c>POST {baseUrl}/embeddings</c> (OpenAI, vLLM, TEI, LM Studio,
/// llama.cpp, Ollama's <c>/v1</c>), and Azure OpenAI when <see cref="AzureApiVersion"/> is set.
/// </summary>
public sealed class OpenAiEmbedderOptions
{
    /// <summary>The API root (config key <c>embedder.baseUrl</c>), e.g. <c>https://api.openai.com/v1</c>; on Azure the resource endpoint.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.openai.com/v1");

    /// <summary>The model (config key <c>embedder.model</c>), e.g. <c>text-embedding-3-small</c>; on Azure the deployment name.</summary>
    public string Model { get; set; } = "";

    /// <summary>Requested vector length (config key <c>embedder.dimensions</c>); sent as <c>dimensions</c> only when set.</summary>
    public int? Dimensions { get; set; }

    /// <summary>The API key itself (the CLI reads it from the variable named by <c>embedder.apiKeyEnv</c>); none is sent when null.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// When set, Azure mode: <c>POST {BaseUrl}/openai/deployments/{Model}/embeddings?api-version=…</c> with the
    /// key in an <c>api-key</c> header instead of <c>Authorization: Bearer</c>.
    /// </summary>
    public string? AzureApiVersion { get; set; }

    /// <summary>How long one request may take, body included (config key <c>embedder.requestTimeoutSeconds</c>). Default 60 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Ask for base64 vectors (a quarter of the bytes of JSON numbers). A server that refuses the parameter
    /// is asked again with numbers, and from then on only with numbers. Default true.
    /// </summary>
    public bool PreferBase64 { get; set; } = true;

    /// <summary>The HTTP handler to send through; null uses one shared by all embedders. The caller keeps ownership.</summary>
    public HttpMessageHandler? Handler { get; set; }

    /// <summary>The clock for request timeouts and <c>retry-after</c> dates.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Checks every option; throws a <see cref="ReembedException"/> of kind <see cref="ErrorKind.Config"/> naming the key.</summary>
    public void Validate()
    {
        RemoteOptionChecks.BaseUrl(BaseUrl);
        RemoteOptionChecks.Model(Model);
        RemoteOptionChecks.Dimensions(Dimensions);
        RemoteOptionChecks.Timeout(RequestTimeout);
        if (AzureApiVersion is not null && string.IsNullOrWhiteSpace(AzureApiVersion))
        {
            throw ReembedException.Config("embedder.azureApiVersion", "must not be empty when set, e.g. 2024-10-21");
        }

        if (ApiKey is not null && ApiKey.Any(char.IsControl))
        {
            // The key itself must not appear here: the message reaches logs and the terminal.
            throw ReembedException.Config("embedder.apiKeyEnv", "the API key contains a line break or another control character");
        }

        RemoteOptionChecks.Time(Time);
    }
}
