using Reembed.Testing;
using Reembed.Testing.Verification;

namespace Reembed.Tests;

/// <summary>The in-memory collection the verification tests read must behave like the real ones; it holds a list, so every write of a key.</summary>
public abstract class InMemoryVectorCollectionConformanceTests : VectorCollectionConformanceTests
{
    private readonly List<StoredVector> _vectors = [];

    protected override bool KeepsEveryWriteOfAKey => true;

    protected override string ExpectedName => "memory-vectors";

    protected override Task StoreAsync(IReadOnlyList<CollectionRow> rows)
    {
        _vectors.AddRange(rows.Select(r => new StoredVector(r.Key, r.Vector!, r.ContentHash, Space.Id)));
        return Task.CompletedTask;
    }

    protected override Task<VectorCollection> OpenCollectionAsync() =>
        Task.FromResult<VectorCollection>(new InMemoryVectorCollection(ExpectedName, _vectors, canSearch: SearchesByItself));
}
