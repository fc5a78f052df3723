namespace Reembed;

/// <summary>
/// The vectors of one table or file of a target (the live one, a shadow, a superseded one), opened
/// for reading. Verification streams it once for its structure checks and searches it for quality.
/// </summary>
public abstract class VectorCollection : IAsyncDisposable
{
    /// <summary>What is read, for messages and reports (no secrets), e.g. <c>sqlite out/v.db table vectors</c>.</summary>
    public abstract string Description { get; }

    /// <summary>The table or file name within its target (the name <see cref="CutoverTarget"/> uses).</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Every stored vector, in any order, streamed (memory flat in the number of vectors). Rows without a
    /// vector (e.g. a NULL in-place column) are not returned. Duplicate keys are returned as stored.
    /// </summary>
    public abstract IAsyncEnumerable<StoredVector> ReadAsync(CancellationToken cancellationToken = default);

    /// <summary>True when the store has its own nearest-neighbour search (e.g. pgvector's <c>&lt;=&gt;</c>).</summary>
    public virtual bool CanSearch => false;

    /// <summary>
    /// The <paramref name="k"/> stored vectors nearest to <paramref name="query"/> by cosine similarity,
    /// best first, by the store's own search. Only when <see cref="CanSearch"/>.
    /// </summary>
    public virtual ValueTask<IReadOnlyList<Neighbour>> SearchAsync(
        ReadOnlyMemory<float> query, int k, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{Description} has no search of its own");

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
