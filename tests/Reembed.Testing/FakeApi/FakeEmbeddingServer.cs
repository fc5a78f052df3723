using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Reembed.Testing.FakeApi;

/// <summary>
/// An OpenAI-compatible embedding server on loopback for tests and benchmarks: OpenAI
/// (<c>POST /v1/embeddings</c>), Azure OpenAI (<c>POST /openai/deployments/{deployment}/embeddings</c>),
/// Ollama (<c>POST /api/embed</c>) and chat completions (<c>POST /v1/chat/completions</c>), with rate
/// limits and injectable faults.
/// </summary>
public sealed partial class FakeEmbeddingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SeededRandom _random;

    private FakeEmbeddingServer(FakeServerOptions options, WebApplication app)
    {
        Options = options;
        _app = app;
        _random = new SeededRandom(options.Seed);
        Faults = new FakeServerFaults(_random);
        Counters = new FakeServerCounters();
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Root { get; private set; } = null!;

    /// <summary><c>{Root}v1</c>, the base URL an OpenAI client is given.</summary>
    public Uri OpenAiBaseUrl => new(Root, "v1");

    public FakeServerOptions Options { get; }

    public FakeServerFaults Faults { get; }

    public FakeServerCounters Counters { get; }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeEmbeddingServer> StartAsync(FakeServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // Hung requests end when the server stops (see HangAsync); nothing else needs a long grace period.
        builder.Services.Configure<HostOptions>(static host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");

        var server = new FakeEmbeddingServer(options, app);
        server.Map();
        await app.StartAsync(cancellationToken);
        // Kestrel replaces the requested port 0 with the one it bound.
        var address = app.Urls.First();
        server.Root = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void Validate(FakeServerOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Dimensions, "options.Dimensions");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RequestsPerMinute ?? 1, "options.RequestsPerMinute");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.TokensPerMinute ?? 1, "options.TokensPerMinute");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxInputsPerRequest, "options.MaxInputsPerRequest");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxInputTokens, "options.MaxInputTokens");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxTokensPerRequest, "options.MaxTokensPerRequest");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BurstSeconds, "options.BurstSeconds");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LatencyMean, TimeSpan.Zero, "options.LatencyMean");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LatencyJitter, TimeSpan.Zero, "options.LatencyJitter");
        ArgumentNullException.ThrowIfNull(options.Models, "options.Models");
        ArgumentNullException.ThrowIfNull(options.ChatModels, "options.ChatModels");
        ArgumentNullException.ThrowIfNull(options.Time, "options.Time");
    }

    private CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    private void Map()
    {
        _app.MapPost("/v1/embeddings", context => RunAsync(context, ApiDialect.OpenAi, chat: false, body => OpenAiEmbeddingsAsync(context, body, null)));
        _app.MapPost("/openai/deployments/{deployment}/embeddings", context => RunAsync(context, ApiDialect.OpenAi, chat: false, body => AzureEmbeddingsAsync(context, body)));
        _app.MapPost("/api/embed", context => RunAsync(context, ApiDialect.Ollama, chat: false, body => OllamaEmbedAsync(context, body)));
        _app.MapPost("/v1/chat/completions", context => RunAsync(context, ApiDialect.OpenAi, chat: true, body => ChatAsync(context, body)));
        _app.MapFallback(static context => FakeResponses.WriteErrorAsync(
            context, ApiDialect.OpenAi, StatusCodes.Status404NotFound, $"Invalid URL ({context.Request.Method} {context.Request.Path})"));
    }

    // Steps every endpoint shares before its own: count, record the body, rate headers, authentication.
    private async Task RunAsync(HttpContext context, ApiDialect dialect, bool chat, Func<string, Task> handle)
    {
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            Counters.OnRequest(chat, body, context.Request.ContentLength is not null);
            ShowRateHeaders(context);
            if (await AuthorizeAsync(context, dialect))
            {
                await handle(body);
            }
        }
        catch (FakeApiError error)
        {
            await FakeResponses.WriteErrorAsync(context, dialect, error);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException
            && (context.RequestAborted.IsCancellationRequested || Stopping.IsCancellationRequested))
        {
            // The client gave up or the server is stopping: nobody is listening for an answer.
        }
    }

    private async Task<bool> AuthorizeAsync(HttpContext context, ApiDialect dialect)
    {
        if (Options.ApiKey is not { } expected)
        {
            return true;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        var given = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : context.Request.Headers["api-key"].ToString();
        if (string.Equals(given, expected, StringComparison.Ordinal))
        {
            return true;
        }

        if (given.Length == 0)
        {
            await FakeResponses.WriteErrorAsync(context, dialect, StatusCodes.Status401Unauthorized,
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth "
                + "(i.e. Authorization: Bearer YOUR_KEY).");
            return false;
        }

        // OpenAI echoes the key it was given, masked in the middle; clients must still keep it out of their logs.
        await FakeResponses.WriteErrorAsync(context, dialect, StatusCodes.Status401Unauthorized,
            $"Incorrect API key provided: {MaskKey(given)}. You can find your API key at https://platform.openai.com/account/api-keys.",
            code: "invalid_api_key");
        return false;
    }

    internal static string MaskKey(string key)
    {
        const int Head = 6;
        const int Tail = 4;
        return key.Length < Head + Tail + 2
            ? key[..Math.Min(3, key.Length / 3)] + new string('*', key.Length - Math.Min(3, key.Length / 3))
            : key[..Head] + new string('*', key.Length - Head - Tail) + key[^Tail..];
    }

    private static JsonDocument ParseBody(string body, ApiDialect dialect)
    {
        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
            // Answered below, as the real servers do, without the parser's detail.
        }

        throw new FakeApiError(StatusCodes.Status400BadRequest, dialect == ApiDialect.Ollama
            ? "invalid request body: expected a JSON object"
            : "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. "
              + "The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)");
    }
}
