namespace Reembed.Remote;

/// <summary>
/// Options of the <c>ollama</c> embedder (config section <c>embedder</c> with <c>"type": "ollama"</c>):
/// Ollama's native <c>POST {baseUrl}/api/embed</c>.
/// </summary>
public sealed class OllamaEmbedderOptions
{
    /// <summary>The server (config key <c>embedder.baseUrl</c>). Default <c>http://localhost:11434</c>.</summary>
    public Uri BaseUrl { get; set; } = new("http://localhost:11434");

    /// <summary>The model (config key <c>embedder.model</c>), e.g. <c>nomic-embed-text</c>.</summary>
    public string Model { get; set; } = "";

    /// <summary>Requested vector length (config key <c>embedder.dimensions</c>); sent only when set.</summary>
    public int? Dimensions { get; set; }

    /// <summary>
    /// Whether the server cuts inputs longer than the model's context (<c>true</c>) or refuses them (<c>false</c>);
    /// sent only when set, so the server's default (truncate) applies otherwise.
    /// </summary>
    public bool? Truncate { get; set; }

    /// <summary>How long one request may take, body included (config key <c>embedder.requestTimeoutSeconds</c>). Default 120 s, as a cold model loads first.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

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
        RemoteOptionChecks.Time(Time);
    }
}
