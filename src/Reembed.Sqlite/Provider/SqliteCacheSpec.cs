using Reembed.Providers;

namespace Reembed.Sqlite;

/// <summary><c>cache</c> in a SQLite file: the default (<c>cache.db</c> beside the state).</summary>
public sealed record SqliteCacheSpec : CacheSpec
{
    public override string Type => SqliteStoreProvider.Kind;

    /// <summary>Absolute path of the cache file (<c>cache.path</c>).</summary>
    public required string Path { get; init; }
}
