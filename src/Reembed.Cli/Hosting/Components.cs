using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Reembed.Jsonl;
using Reembed.Postgres;
using Reembed.Sqlite;

namespace Reembed.Cli;

/// <summary>The composition root: builds the source, target, embedder and state store a config names.</summary>
internal sealed class Components : IAsyncDisposable
{
    private Components(ReembedConfig config, TargetSpec writeTarget, StateStore state, EmbedderStack embedder, ILogger? logger)
    {
        Config = config;
        WriteTarget = writeTarget;
        State = state;
        Embedder = embedder;
        Source = CreateSource(config.Source);
        Sink = CreateSink(writeTarget, config.Source, Source, logger);
    }

    public ReembedConfig Config { get; }

    public StateStore State { get; }

    public EmbedderStack Embedder { get; }

    /// <summary>Where this job's vectors go: <see cref="ReembedConfig.Target"/>, or its shadow for the space (<c>target.cutover</c>).</summary>
    public TargetSpec WriteTarget { get; }

    public EmbeddingSpace Space => Embedder.Space;

    public RecordSource Source { get; }

    public VectorSink Sink { get; }

    public IEmbeddingGenerator<string, Embedding<float>> Generator => Embedder.Generator;

    public static async Task<Components> CreateAsync(
        ReembedConfig config, TimeProvider time, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var embedder = await EmbedderStack.CreateAsync(config, time, openCache: true, cancellationToken);
        try
        {
            var writeTarget = await Targets.ResolveWriteTargetAsync(config.Target, config.Source, embedder.Space, cancellationToken);
            return new(config, writeTarget, await OpenStateAsync(config, time, cancellationToken), embedder, logger);
        }
        catch
        {
            await embedder.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens only the state store, for verbs that read jobs (<c>status</c>, <c>jobs</c>, <c>cancel</c>).</summary>
    public static ValueTask<StateStore> OpenStateAsync(ReembedConfig config, TimeProvider time, CancellationToken cancellationToken = default) =>
        config.State.IsPostgres
            ? PostgresState.OpenAsync(Secrets.Read(config.State.ConnectionStringEnv, "state.connectionStringEnv")!, config.State.Schema, time, cancellationToken)
            : SqliteState.OpenAsync(config.State.Path!, time, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Embedder.DisposeAsync();
        await Source.DisposeAsync();
        await Sink.DisposeAsync();
        await State.DisposeAsync();
    }

    public static RecordSource CreateSource(SourceSpec spec) => spec.Type switch
    {
        "jsonl" => JsonlStores.CreateSource(new JsonlSourceOptions { Path = spec.Path!, IdField = spec.Id, Text = spec.Text }),
        "postgres" => PostgresStores.CreateSource(new PostgresSourceOptions
        {
            ConnectionString = Secrets.Read(spec.ConnectionStringEnv, "source.connectionStringEnv")!,
            Table = spec.Table,
            Query = spec.Query,
            IdColumn = spec.Id,
            Text = spec.Text,
            Where = spec.Where,
        }),
        "sqlite" => SqliteStores.CreateSource(new SqliteSourceOptions
        {
            Path = spec.Path!,
            Table = spec.Table!,
            IdColumn = spec.Id,
            Text = spec.Text,
            Where = spec.Where,
        }),
        _ => throw ReembedException.Config("source.type", $"unknown source type '{spec.Type}'"),
    };

    /// <param name="sourceSpec">The source's config: an in-place target pages by the source's id column.</param>
    /// <param name="source">The source itself: a new shadow table takes its id type, known once it is open.</param>
    public static VectorSink CreateSink(TargetSpec spec, SourceSpec sourceSpec, RecordSource source, ILogger? logger = null) => spec.Type switch
    {
        "sqlite" => SqliteStores.CreateSink(new SqliteSinkOptions { Path = spec.Path!, Table = spec.Table! }),
        "jsonl" => JsonlStores.CreateSink(new JsonlSinkOptions { Path = spec.Path! }),
        "postgres" => CreatePostgresSink(spec, sourceSpec, source, logger),
        _ => throw ReembedException.Config("target.type", $"unknown target type '{spec.Type}'"),
    };

    private static VectorSink CreatePostgresSink(TargetSpec spec, SourceSpec sourceSpec, RecordSource source, ILogger? logger)
    {
        return new SourceTypedSink(() => PostgresStores.CreateSink(
            PostgresOptions(spec, sourceSpec, (source as Postgres.Source.PostgresSource)?.IdSqlType ?? "text"), logger));
    }

    /// <param name="idType">The id column's SQL type for a new shadow table (the source's, once it is open).</param>
    public static PostgresSinkOptions PostgresOptions(TargetSpec spec, SourceSpec sourceSpec, string idType = "text") => new()
    {
        ConnectionString = Secrets.Read(spec.ConnectionStringEnv, "target.connectionStringEnv")!,
        Table = spec.Table!,
        Shape = spec.InPlace ? PostgresTargetShape.InPlace : PostgresTargetShape.Shadow,
        IdColumn = spec.InPlace ? sourceSpec.Id : "id",
        IdType = idType,
        VectorColumn = spec.Vector,
        VectorType = spec.VectorType,
        LoadPath = spec.LoadPath,
        Index = spec.Index,
        DeferIndex = spec.DeferIndex,
    };
}
