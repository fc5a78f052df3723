namespace Reembed.Providers;

/// <summary>What a store kind can do; the host checks a config against it at load, before anything is opened.</summary>
[Flags]
public enum StoreCapabilities
{
    None = 0,

    /// <summary>Records can be read from it (<c>source.type</c>).</summary>
    Source = 1 << 0,

    /// <summary>Vectors can be written to it (<c>target.type</c>).</summary>
    Target = 1 << 1,

    /// <summary>Vectors can go into a field of the source's own records (a column of the source table).</summary>
    InPlaceVectors = 1 << 2,

    /// <summary>A shadow beside the live table/file, made live by an atomic rename (<c>target.cutover: "shadow"</c>).</summary>
    ShadowByRename = 1 << 3,

    /// <summary>A shadow collection, made live by repointing an alias.</summary>
    ShadowByAlias = 1 << 4,

    /// <summary>The store searches its vectors itself (verify uses it instead of an in-process scan).</summary>
    NativeKnn = 1 << 5,

    /// <summary>Carries metadata beside each vector.</summary>
    Metadata = 1 << 6,

    /// <summary>Partitions a collection into namespaces.</summary>
    Namespaces = 1 << 7,

    /// <summary>Holds the job state (<c>state.type</c>).</summary>
    StateStore = 1 << 8,

    /// <summary>Holds the embedding cache (<c>cache.type</c>).</summary>
    Cache = 1 << 9,

    /// <summary>Needs no server: the default state and cache when the config names none (a local file).</summary>
    Embedded = 1 << 10,
}
