namespace Reembed.Jsonl;

/// <summary>The vectors of one jsonl target file, streamed line by line.</summary>
internal sealed class JsonlVectorCollection(string path) : VectorCollection
{
    public override string Description => $"jsonl {path}";

    public override string Name => Path.GetFileName(path);

    public override IAsyncEnumerable<StoredVector> ReadAsync(CancellationToken cancellationToken = default) =>
        JsonlVectorFile.ReadAsync(path, vectors: true, cancellationToken);
}
