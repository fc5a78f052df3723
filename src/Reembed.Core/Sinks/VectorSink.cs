namespace Reembed;

/// <summary>
/// Writes vectors to a target store. Writes are idempotent upserts by key, so that a batch
/// redone after a crash is harmless.
/// </summary>
public abstract class VectorSink : IAsyncDisposable
{
    /// <summary>Where the vectors go, for messages and status (no secrets).</summary>
    public abstract string Description { get; }

    /// <summary>
    /// Prepares the target for vectors of <paramref name="space"/>: creates it when absent,
    /// refuses a target that holds vectors of another space, and rolls back anything written
    /// after <paramref name="resumeToken"/> when the store needs that to stay idempotent.
    /// </summary>
    /// <exception cref="ReembedException">
    /// <see cref="ErrorKind.Config"/> for a space or dimension mismatch;
    /// <see cref="ErrorKind.Fatal"/> when the target cannot be created or written.
    /// </exception>
    public abstract ValueTask OpenAsync(EmbeddingSpace space, string? resumeToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens an existing target for <see cref="LookupAsync"/> only, writing nothing (for dry runs).
    /// Returns false when the target does not exist yet: then every record is missing.
    /// </summary>
    /// <exception cref="ReembedException"><see cref="ErrorKind.Config"/> when the target holds another space.</exception>
    public abstract ValueTask<bool> OpenForLookupAsync(EmbeddingSpace space, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fills <paramref name="found"/> with key → content hash for those of <paramref name="keys"/>
    /// that already have a vector of the space opened.
    /// </summary>
    public abstract ValueTask LookupAsync(
        IReadOnlyList<string> keys, IDictionary<string, string> found, CancellationToken cancellationToken = default);

    /// <summary>
    /// Upserts <paramref name="records"/> durably. Returns a resume token to persist with the
    /// checkpoint (e.g. a file length), or null when the store needs none.
    /// </summary>
    public abstract ValueTask<string?> WriteAsync(
        IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Called once when a job has processed every record (compaction, index builds).</summary>
    public virtual ValueTask CompleteAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
