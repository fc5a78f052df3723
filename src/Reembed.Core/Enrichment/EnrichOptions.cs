namespace Reembed.Enrichment;

/// <summary>
/// Options of the optional enrichment stage (config section <c>enrich</c>): an OpenAI-compatible chat model
/// rewrites each record's composed text, and the rewrite is what gets embedded.
/// </summary>
public sealed class EnrichOptions
{
    /// <summary>Base address of an OpenAI-compatible API, up to and including <c>/v1</c> (config key <c>enrich.baseUrl</c>).</summary>
    public Uri BaseUrl { get; set; } = new("https://api.openai.com/v1");

    /// <summary>The chat model (config key <c>enrich.model</c>). Required.</summary>
    public string Model { get; set; } = "";

    /// <summary>The system message that tells the model how to rewrite a text (config key <c>enrich.prompt</c>). Required.</summary>
    public string Prompt { get; set; } = "";

    /// <summary>The API key itself; the CLI reads it from the environment variable named by <c>enrich.apiKeyEnv</c>. Never stored.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one request may take before it counts as a transient timeout (config key <c>enrich.requestTimeout</c>). Default 60 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The HTTP handler to send through; null for a new one owned by the client. Tests put a stub here.</summary>
    public HttpMessageHandler? Handler { get; set; }

    /// <summary>The clock for timeouts and <c>Retry-After</c> dates.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Checks every option; throws a <see cref="ReembedException"/> of kind <see cref="ErrorKind.Config"/> naming the key.</summary>
    public void Validate()
    {
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw ReembedException.Config("enrich.baseUrl", $"must be an absolute http or https address, got '{BaseUrl}'");
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            throw ReembedException.Config("enrich.model", "must name the chat model, e.g. \"gpt-4o-mini\"");
        }

        if (string.IsNullOrWhiteSpace(Prompt))
        {
            throw ReembedException.Config("enrich.prompt", "must say how to rewrite each text (it is sent as the system message)");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw ReembedException.Config("enrich.requestTimeout", $"must be positive, got {RequestTimeout}");
        }

        if (Time is null)
        {
            throw new ArgumentException("Time must not be null.", nameof(Time));
        }
    }
}
