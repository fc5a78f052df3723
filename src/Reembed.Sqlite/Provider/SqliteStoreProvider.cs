using Reembed.Caching;
using Reembed.Providers;

namespace Reembed.Sqlite;

/// <summary>
/// The <c>sqlite</c> store: a table as source and as target (shadow tables swapped in by rename in one transaction),
/// and the embedded default for the job state and the cache.
/// </summary>
internal sealed class SqliteStoreProvider : StoreProvider
{
    public const string Kind = "sqlite";

    public override string Type => Kind;

    public override StoreCapabilities Capabilities =>
        StoreCapabilities.Source | StoreCapabilities.Target | StoreCapabilities.ShadowByRename
        | StoreCapabilities.StateStore | StoreCapabilities.Cache | StoreCapabilities.Embedded;

    public override SourceSpec BindSource(ConfigSection section, StoreBindingContext context)
    {
        section.RejectUnknownKeys("path", "id", "text", "table", "where");
        var spec = new SqliteSourceSpec
        {
            Path = context.Resolve(section.String("path", required: true)!),
            Text = TextTemplate.Parse(section.String("text", required: true)!, section.Key("text")),
            Id = section.String("id") ?? "id",
            Table = section.String("table", required: true)!,
            Where = section.String("where"),
        };
        section.RejectUnknownKeys();
        return spec;
    }

    public override TargetSpec BindTarget(ConfigSection section, bool shadowCutover, StoreBindingContext context)
    {
        section.RejectUnknownKeys("path", "table");
        var spec = new SqliteTargetSpec
        {
            Path = context.Resolve(section.String("path", required: true)!),
            Table = section.String("table") ?? "vectors",
            ShadowCutover = shadowCutover,
        };
        section.RejectUnknownKeys();
        return spec;
    }

    public override StateSpec BindState(ConfigSection section, StoreBindingContext context)
    {
        var spec = StateAt(context.Resolve(section.String("path") ?? Path.Combine(".reembed", "state.db")));
        section.RejectUnknownKeys();
        return spec;
    }

    public override StateSpec StateAt(string path) => new SqliteStateSpec { Path = path };

    public override CacheSpec BindCache(ConfigSection section, bool enabled, TimeSpan? ttl, string defaultPath, StoreBindingContext context)
    {
        section.RejectUnknownKeys("path");
        var spec = new SqliteCacheSpec
        {
            Enabled = enabled,
            Ttl = ttl,
            Path = section.String("path") is { } configured ? context.Resolve(configured) : defaultPath,
        };
        section.RejectUnknownKeys();
        return spec;
    }

    public override CacheSpec CacheAt(string path, bool enabled) => new SqliteCacheSpec { Enabled = enabled, Path = path };

    public override RecordSource CreateSource(SourceSpec spec, StoreContext context)
    {
        var sqlite = Expect<SqliteSourceSpec>(spec);
        return SqliteStores.CreateSource(new SqliteSourceOptions
        {
            Path = sqlite.Path,
            Table = sqlite.Table,
            IdColumn = sqlite.Id,
            Text = sqlite.Text,
            Where = sqlite.Where,
        });
    }

    public override VectorSink CreateSink(TargetSpec target, SourceSpec source, RecordSource openedSource, StoreContext context) =>
        SqliteStores.CreateSink(Expect<SqliteTargetSpec>(target).SinkOptions);

    public override CutoverTarget CreateCutover(TargetSpec target, SourceSpec source, StoreContext context) =>
        SqliteStores.CreateCutover(Expect<SqliteTargetSpec>(target).SinkOptions, context.Time);

    public override ValueTask<StateStore> OpenStateAsync(StateSpec spec, StoreContext context, CancellationToken cancellationToken = default) =>
        SqliteState.OpenAsync(Expect<SqliteStateSpec>(spec).Path, context.Time, cancellationToken);

    public override ValueTask<EmbeddingCache> OpenCacheAsync(CacheSpec spec, StoreContext context, CancellationToken cancellationToken = default)
    {
        var sqlite = Expect<SqliteCacheSpec>(spec);
        return SqliteCache.OpenAsync(sqlite.Path, sqlite.Ttl, context.Time, cancellationToken);
    }

    public override string SourceTemplate => """
            // A SQLite table; rows are read in id order, in key-range shards.
            "type": "sqlite",
            "path": "data/source.db",
            "table": "documents",
            "id": "id",
            // Columns to embed, as a template: {column}; write {{ and }} for literal braces.
            "text": "{title}\n\n{body}"
            // "where": "lang = 'en'"   (raw SQL condition, trusted)
        """;

    public override string TargetTemplate(StoreProvider source) => """
            // SQLite table (id TEXT PRIMARY KEY, vector BLOB of float32, content_hash, space).
            "type": "sqlite",
            "path": "out/vectors.db",
            "table": "docs_vectors"
        """;
}
