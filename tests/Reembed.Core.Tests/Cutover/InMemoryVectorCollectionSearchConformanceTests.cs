namespace Reembed.Tests;

/// <summary>An in-memory collection that answers searches itself, standing for a store with its own search.</summary>
public sealed class InMemoryVectorCollectionSearchConformanceTests : InMemoryVectorCollectionConformanceTests
{
    protected override bool SearchesByItself => true;
}
