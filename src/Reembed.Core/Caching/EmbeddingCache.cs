namespace Reembed.Caching;

/// <summary>
/// Remembers vectors by <c>(space id, content hash)</c> and enrichment answers by <c>(scope, key)</c>,
/// so that a re-run, a retry or a second job over the same texts does not pay the model again.
/// Entries older than the cache's time to live read as misses; a put of an existing key replaces it.
/// </summary>
public abstract class EmbeddingCache : IAsyncDisposable
{
    /// <summary>Where the cache lives, for messages.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// Adds to <paramref name="found"/> the vector of every key in <paramref name="contentHashes"/> that the
    /// cache holds for <paramref name="spaceId"/>; keys it does not hold are left out.
    /// </summary>
    public abstract ValueTask GetVectorsAsync(
        string spaceId, IReadOnlyList<string> contentHashes, IDictionary<string, float[]> found, CancellationToken cancellationToken = default);

    /// <summary>Stores each vector under its content hash in <paramref name="spaceId"/>; the last write of a key wins.</summary>
    public abstract ValueTask PutVectorsAsync(
        string spaceId, IReadOnlyList<KeyValuePair<string, float[]>> entries, CancellationToken cancellationToken = default);

    /// <summary>Adds to <paramref name="found"/> the text of every key in <paramref name="keys"/> held under <paramref name="scope"/>.</summary>
    public abstract ValueTask GetTextsAsync(
        string scope, IReadOnlyList<string> keys, IDictionary<string, string> found, CancellationToken cancellationToken = default);

    /// <summary>Stores each text under its key in <paramref name="scope"/>; the last write of a key wins.</summary>
    public abstract ValueTask PutTextsAsync(
        string scope, IReadOnlyList<KeyValuePair<string, string>> entries, CancellationToken cancellationToken = default);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
