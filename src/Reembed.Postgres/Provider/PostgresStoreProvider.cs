using Reembed.Caching;
using Reembed.Postgres.Source;
using Reembed.Providers;

namespace Reembed.Postgres;

/// <summary>
/// The <c>postgres</c> store (pgvector): a table or query as source; a shadow table or, in place, a column of the source
/// table as target, each cut over by renames in one transaction; a schema for the job state and the cache.
/// </summary>
internal sealed partial class PostgresStoreProvider : StoreProvider
{
    public const string Kind = "postgres";

    public override string Type => Kind;

    public override StoreCapabilities Capabilities =>
        StoreCapabilities.Source | StoreCapabilities.Target | StoreCapabilities.InPlaceVectors | StoreCapabilities.ShadowByRename
        | StoreCapabilities.NativeKnn | StoreCapabilities.StateStore | StoreCapabilities.Cache;

    public override RecordSource CreateSource(SourceSpec spec, StoreContext context)
    {
        var postgres = Expect<PostgresSourceSpec>(spec);
        return PostgresStores.CreateSource(new PostgresSourceOptions
        {
            ConnectionString = context.Secrets.Read(postgres.ConnectionStringEnv, "source.connectionStringEnv")!,
            Table = postgres.Table,
            Query = postgres.Query,
            IdColumn = postgres.Id,
            Text = postgres.Text,
            Where = postgres.Where,
        });
    }

    /// <summary>Built when opened: a new shadow table takes the id type of the source, known once the source is open.</summary>
    public override VectorSink CreateSink(TargetSpec target, SourceSpec source, RecordSource openedSource, StoreContext context)
    {
        var postgres = Expect<PostgresTargetSpec>(target);
        return new SourceTypedSink(() => PostgresStores.CreateSink(
            SinkOptions(postgres, source, context, (openedSource as PostgresSource)?.IdSqlType ?? "text"), context.Logger));
    }

    public override CutoverTarget CreateCutover(TargetSpec target, SourceSpec source, StoreContext context) =>
        PostgresStores.CreateCutover(SinkOptions(Expect<PostgresTargetSpec>(target), source, context), context.Time);

    public override VectorCollection CreateInPlaceCollection(TargetSpec target, SourceSpec source, StoreContext context) =>
        PostgresStores.CreateCollection(SinkOptions(Expect<PostgresTargetSpec>(target), source, context));

    public override ValueTask<StateStore> OpenStateAsync(StateSpec spec, StoreContext context, CancellationToken cancellationToken = default)
    {
        var postgres = Expect<PostgresStateSpec>(spec);
        return PostgresState.OpenAsync(
            context.Secrets.Read(postgres.ConnectionStringEnv, "state.connectionStringEnv")!, postgres.Schema, context.Time, cancellationToken);
    }

    public override ValueTask<EmbeddingCache> OpenCacheAsync(CacheSpec spec, StoreContext context, CancellationToken cancellationToken = default)
    {
        var postgres = Expect<PostgresCacheSpec>(spec);
        return PostgresCache.OpenAsync(
            context.Secrets.Read(postgres.ConnectionStringEnv, "cache.connectionStringEnv")!, postgres.Schema, postgres.Ttl, context.Time, cancellationToken);
    }

    /// <param name="idType">The id column's SQL type for a new shadow table (the source's, once it is open).</param>
    private static PostgresSinkOptions SinkOptions(PostgresTargetSpec spec, SourceSpec source, StoreContext context, string idType = "text") => new()
    {
        ConnectionString = context.Secrets.Read(spec.ConnectionStringEnv, "target.connectionStringEnv")!,
        Table = spec.Table,
        Shape = spec.IsInPlace ? PostgresTargetShape.InPlace : PostgresTargetShape.Shadow,
        IdColumn = spec.IsInPlace ? source.Id : "id",
        IdType = idType,
        VectorColumn = spec.Vector,
        VectorType = spec.VectorType,
        LoadPath = spec.LoadPath,
        Index = spec.Index,
        DeferIndex = spec.DeferIndex,
    };
}
