using Microsoft.Extensions.AI;
using Reembed.Caching;
using Reembed.Enrichment;
using Reembed.Hashing;
using Reembed.Providers;
using Reembed.Remote;

namespace Reembed.Hosting;

/// <summary>
/// The embedder a config names, with its middleware: provider → rate control (budgets, adaptive
/// concurrency, retries) → cache (outermost, so a hit costs no budget), plus the optional enricher.
/// </summary>
internal sealed class EmbedderStack : IAsyncDisposable
{
    private const string ProbeText = "dimension probe";

    private readonly List<IDisposable> _owned = [];
    private IEmbeddingGenerator<string, Embedding<float>>? _rated;

    private readonly StoreContext _context;
    private readonly OutageRelay? _outages;

    private EmbedderStack(StoreContext context, OutageRelay? outages)
    {
        _context = context;
        _outages = outages;
    }

    public IEmbeddingGenerator<string, Embedding<float>> Generator { get; private set; } = null!;

    public EmbeddingSpace Space { get; private set; } = null!;

    public EmbeddingCache? Cache { get; private set; }

    public TextEnricher? Enricher { get; private set; }

    /// <summary>Request counters of the remote embedder; null for the built-in one.</summary>
    public RateControlStats? Stats => _rated?.GetService(typeof(RateControlStats)) as RateControlStats;

    /// <param name="openCache">False for verbs that must not create files (e.g. <c>plan</c>).</param>
    public static async Task<EmbedderStack> CreateAsync(
        JobSpec config, StoreRegistry stores, StoreContext context, bool openCache, OutageRelay? outages = null,
        CancellationToken cancellationToken = default)
    {
        var stack = new EmbedderStack(context, outages);
        try
        {
            await stack.BuildAsync(config, stores, openCache, cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        if (Cache is not null)
        {
            await Cache.DisposeAsync();
        }
    }

    private async Task BuildAsync(JobSpec config, StoreRegistry stores, bool openCache, CancellationToken cancellationToken)
    {
        var time = _context.Time;
        var spec = config.Embedder;
        if (spec.Hashing is { } hashing)
        {
            Generator = Own(HashingEmbedder.Create(hashing));
            Space = HashingEmbedder.GetSpace(hashing);
        }
        else
        {
            var remote = spec.Remote!;
            var provider = Own(CreateProvider(spec.Type, remote, config.Pipeline, time));
            var rate = RateOptions(remote.RequestsPerMinute, remote.TokensPerMinute, remote.MaxConcurrency, config.Pipeline, time);
            rate.MaxBackoff = remote.MaxBackoff ?? rate.MaxBackoff;
            rate.InitialBackoff = rate.InitialBackoff > rate.MaxBackoff ? rate.MaxBackoff : rate.InitialBackoff;
            rate.OutageAfter = remote.OutageAfter ?? rate.OutageAfter;
            rate.GiveUpAfter = remote.GiveUpAfter;
            rate.Validate();
            _rated = Own(RateControl.Wrap(provider, rate));
            Generator = _rated;
            var dimensions = remote.Dimensions ?? await ProbeDimensionsAsync(_rated, cancellationToken);
            var parameters = remote.Revision is null ? null : new Dictionary<string, string> { ["revision"] = remote.Revision };
            Space = new EmbeddingSpace(spec.Type, remote.Model, dimensions, normalized: false, parameters);
        }

        if (openCache && config.Cache.Enabled)
        {
            Cache = await stores.For(config.Cache).OpenCacheAsync(config.Cache, _context, cancellationToken);
            Generator = Own(EmbeddingCaching.Wrap(Generator, Cache, Space.Id, Space.Dimensions));
        }

        if (config.Enrich is { } enrich)
        {
            var options = new EnrichOptions
            {
                BaseUrl = enrich.BaseUrl,
                Model = enrich.Model,
                Prompt = enrich.Prompt,
                ApiKey = _context.Secrets.Read(enrich.ApiKeyEnv, "enrich.apiKeyEnv"),
                RequestTimeout = enrich.RequestTimeout,
                Time = time,
            };
            options.Validate();
            var chat = Own(RateControl.Wrap(Own(Enrichers.CreateChatClient(options)),
                RateOptions(enrich.RequestsPerMinute, enrich.TokensPerMinute, enrich.MaxConcurrency, config.Pipeline, time)));
            Enricher = Enrichers.Create(chat, options, Cache);
        }
    }

    private IEmbeddingGenerator<string, Embedding<float>> CreateProvider(
        string type, RemoteEmbedderSpec remote, PipelineOptions pipeline, TimeProvider time)
    {
        var apiKey = _context.Secrets.Read(remote.ApiKeyEnv, "embedder.apiKeyEnv");
        if (type == "ollama")
        {
            var ollama = new OllamaEmbedderOptions
            {
                BaseUrl = remote.BaseUrl,
                Model = remote.Model,
                Dimensions = remote.Dimensions,
                Truncate = pipeline.Oversize == OversizePolicy.Truncate,
                RequestTimeout = remote.RequestTimeout,
                Time = time,
            };
            ollama.Validate();
            return RemoteEmbedders.CreateOllama(ollama);
        }

        var openAi = new OpenAiEmbedderOptions
        {
            BaseUrl = remote.BaseUrl,
            Model = remote.Model,
            Dimensions = remote.Dimensions,
            ApiKey = apiKey,
            AzureApiVersion = remote.ApiVersion,
            RequestTimeout = remote.RequestTimeout,
            Time = time,
        };
        openAi.Validate();
        return RemoteEmbedders.CreateOpenAi(openAi);
    }

    private RateControlOptions RateOptions(int? rpm, int? tpm, int? concurrency, PipelineOptions pipeline, TimeProvider time)
    {
        var options = new RateControlOptions
        {
            RequestsPerMinute = rpm,
            TokensPerMinute = tpm,
            MaxConcurrency = concurrency,
            EstimateTokens = pipeline.Tokens.Estimate,
            OnOutageChanged = _outages is { } relay ? relay.Report : null,
            Time = time,
        };
        options.Validate();
        return options;
    }

    /// <summary>With no <c>dimensions</c> configured, the model's first answer fixes them: one request before the run.</summary>
    private static async Task<int> ProbeDimensionsAsync(IEmbeddingGenerator<string, Embedding<float>> generator, CancellationToken cancellationToken)
    {
        var probe = await generator.GenerateAsync([ProbeText], cancellationToken: cancellationToken);
        if (probe.Count != 1 || probe[0].Vector.Length == 0)
        {
            throw new ReembedException(ErrorKind.Fatal,
                "embedder: the model's answer to a one-text probe held no vector; set embedder.dimensions or check the model");
        }

        return probe[0].Vector.Length;
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
