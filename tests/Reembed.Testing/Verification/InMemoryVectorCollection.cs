using System.Runtime.CompilerServices;

namespace Reembed.Testing.Verification;

/// <summary>
/// A <see cref="VectorCollection"/> over a list. With <see cref="CanSearch"/> it answers
/// <see cref="SearchAsync"/> by <see cref="NaiveSearch"/>, so a test can run the store-search path
/// and the in-process exact path over the same vectors.
/// </summary>
public sealed class InMemoryVectorCollection : VectorCollection
{
    private readonly bool _canSearch;
    private int _reads;
    private int _searches;

    public InMemoryVectorCollection(string name, IEnumerable<StoredVector> vectors, bool canSearch = false)
    {
        Name = name;
        Vectors = [.. vectors];
        _canSearch = canSearch;
    }

    public override string Description => $"memory {Name}";

    public override string Name { get; }

    public List<StoredVector> Vectors { get; }

    /// <summary>Streams the vectors last to first, to show that a result does not depend on read order.</summary>
    public bool ReadBackwards { get; init; }

    public int Reads => Volatile.Read(ref _reads);

    public int Searches => Volatile.Read(ref _searches);

    public override bool CanSearch => _canSearch;

    /// <summary>A collection of the given vectors, all tagged with <paramref name="spaceId"/>.</summary>
    public static InMemoryVectorCollection Of(
        string name, string? spaceId, IEnumerable<(string Key, float[] Vector)> vectors, bool canSearch = false) =>
        new(name, vectors.Select(v => new StoredVector(v.Key, v.Vector, null, spaceId)), canSearch);

    public override async IAsyncEnumerable<StoredVector> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        var order = ReadBackwards ? Enumerable.Reverse(Vectors) : Vectors;
        foreach (var vector in order.ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return vector;
        }
    }

    public override ValueTask<IReadOnlyList<Neighbour>> SearchAsync(
        ReadOnlyMemory<float> query, int k, CancellationToken cancellationToken = default)
    {
        if (!_canSearch)
        {
            return base.SearchAsync(query, k, cancellationToken);
        }

        Interlocked.Increment(ref _searches);
        return ValueTask.FromResult<IReadOnlyList<Neighbour>>(NaiveSearch.Top(Vectors, query.Span, k, exclude: null));
    }
}
