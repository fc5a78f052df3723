namespace Reembed.Postgres;

/// <summary>
/// A sink built when it is opened, not when the job is composed: a new shadow table takes the
/// source's id type, which a postgres source knows only once it has been opened (the runner and
/// the planner open the source first).
/// </summary>
internal sealed class SourceTypedSink : VectorSink
{
    private readonly Func<VectorSink> _create;
    private VectorSink _inner;

    public SourceTypedSink(Func<VectorSink> create)
    {
        _create = create;

        // Unopened, for its description only; it holds no connection.
        _inner = create();
    }

    public override string Description => _inner.Description;

    public override async ValueTask OpenAsync(EmbeddingSpace space, string? resumeToken, CancellationToken cancellationToken = default)
    {
        await RebuildAsync();
        await _inner.OpenAsync(space, resumeToken, cancellationToken);
    }

    public override async ValueTask<bool> OpenForLookupAsync(EmbeddingSpace space, CancellationToken cancellationToken = default)
    {
        await RebuildAsync();
        return await _inner.OpenForLookupAsync(space, cancellationToken);
    }

    public override ValueTask LookupAsync(IReadOnlyList<string> keys, IDictionary<string, string> found, CancellationToken cancellationToken = default) =>
        _inner.LookupAsync(keys, found, cancellationToken);

    public override ValueTask<string?> WriteAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default) =>
        _inner.WriteAsync(records, cancellationToken);

    public override ValueTask CompleteAsync(CancellationToken cancellationToken = default) => _inner.CompleteAsync(cancellationToken);

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private async ValueTask RebuildAsync()
    {
        await _inner.DisposeAsync();
        _inner = _create();
    }
}
