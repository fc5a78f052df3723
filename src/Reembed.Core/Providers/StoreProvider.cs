using Reembed.Caching;

namespace Reembed.Providers;

/// <summary>
/// One store kind: its options and their binding (messages name the key), its factories, its <c>init</c> template
/// and what it can do. Registered once (<c>services.AddReembed().AddSqlite()</c>); the config's <c>type</c> selects
/// it, so a host never names a store kind. A member a kind does not support refuses with a config error naming the key.
/// </summary>
public abstract class StoreProvider
{
    /// <summary>The config's <c>type</c> for this kind, e.g. <c>sqlite</c>.</summary>
    public abstract string Type { get; }

    public abstract StoreCapabilities Capabilities { get; }

    /// <summary>True when the kind has every one of <paramref name="capabilities"/>.</summary>
    public bool Can(StoreCapabilities capabilities) => (Capabilities & capabilities) == capabilities;

    /// <summary>Binds <c>source</c>; reads every key it knows and refuses the others.</summary>
    public virtual SourceSpec BindSource(ConfigSection section, StoreBindingContext context) => throw Unsupported(section, "a source");

    /// <summary>Binds <c>target</c> (<see cref="StoreBindingContext.Source"/> is set); the host has read <c>type</c> and <c>cutover</c>.</summary>
    public virtual TargetSpec BindTarget(ConfigSection section, bool shadowCutover, StoreBindingContext context) =>
        throw Unsupported(section, "a target");

    /// <summary>Binds an object <c>state</c> section.</summary>
    public virtual StateSpec BindState(ConfigSection section, StoreBindingContext context) => throw Unsupported(section, "the state store");

    /// <summary>A state file at <paramref name="path"/> (absolute): <c>"state": "path"</c> and the default. Only <see cref="StoreCapabilities.Embedded"/> kinds.</summary>
    public virtual StateSpec StateAt(string path) => throw new NotSupportedException($"{Type} keeps no state in a file");

    /// <summary>Binds an object <c>cache</c> section; the host has read <c>type</c>, <c>enabled</c> and <c>ttlDays</c>.</summary>
    /// <param name="defaultPath">Where an embedded cache goes when the section names no path (beside the state).</param>
    public virtual CacheSpec BindCache(ConfigSection section, bool enabled, TimeSpan? ttl, string defaultPath, StoreBindingContext context) =>
        throw Unsupported(section, "the cache");

    /// <summary>A cache file at <paramref name="path"/> (absolute): <c>"cache": true</c> and the default. Only <see cref="StoreCapabilities.Embedded"/> kinds.</summary>
    public virtual CacheSpec CacheAt(string path, bool enabled) => throw new NotSupportedException($"{Type} keeps no cache in a file");

    public virtual RecordSource CreateSource(SourceSpec spec, StoreContext context) => throw NotA("a source");

    /// <summary>The sink a job writes through.</summary>
    /// <param name="target">Where: the configured target, or its shadow (<see cref="TargetSpec.Named"/>).</param>
    /// <param name="source">The job's source spec (an in-place target pages by the source's id).</param>
    /// <param name="openedSource">The job's source; it is opened before the sink (a new table may take its id type).</param>
    public virtual VectorSink CreateSink(TargetSpec target, SourceSpec source, RecordSource openedSource, StoreContext context) => throw NotA("a target");

    /// <summary>The cut-over view of the target: its live table/file, shadows, swap, rollback, cleanup.</summary>
    public virtual CutoverTarget CreateCutover(TargetSpec target, SourceSpec source, StoreContext context) => throw NotA("a cut-over target");

    /// <summary>The vectors of an in-place target (<see cref="TargetSpec.InPlace"/> without a shadow cut-over), for verify.</summary>
    public virtual VectorCollection CreateInPlaceCollection(TargetSpec target, SourceSpec source, StoreContext context) =>
        throw NotA("an in-place target");

    public virtual ValueTask<StateStore> OpenStateAsync(StateSpec spec, StoreContext context, CancellationToken cancellationToken = default) =>
        throw NotA("a state store");

    public virtual ValueTask<EmbeddingCache> OpenCacheAsync(CacheSpec spec, StoreContext context, CancellationToken cancellationToken = default) =>
        throw NotA("a cache");

    /// <summary>The commented body of the <c>source</c> object that <c>init</c> writes (JSON lines, indented by 4); null when not a source.</summary>
    public virtual string? SourceTemplate => null;

    /// <summary>
    /// The commented body of the <c>target</c> object that <c>init</c> writes for <paramref name="source"/> (the chosen source kind's
    /// provider: an in-place or same-server target can share its connection); null when not a target.
    /// </summary>
    public virtual string? TargetTemplate(StoreProvider source) => null;

    /// <summary>Casts a spec the registry routed here; a spec of another kind is a host bug.</summary>
    protected T Expect<T>(StoreSpec spec)
        where T : StoreSpec =>
        spec as T ?? throw new ArgumentException($"the {Type} provider got a {spec?.GetType().Name ?? "null"} spec", nameof(spec));

    private ReembedException Unsupported(ConfigSection section, string what) =>
        ReembedException.Config(section.Key("type"), $"{Type} cannot be {what}");

    private NotSupportedException NotA(string what) => new($"{Type} is not {what}");
}
