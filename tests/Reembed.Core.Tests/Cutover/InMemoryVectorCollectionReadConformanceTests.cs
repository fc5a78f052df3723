namespace Reembed.Tests;

/// <summary>An in-memory collection without a search of its own.</summary>
public sealed class InMemoryVectorCollectionReadConformanceTests : InMemoryVectorCollectionConformanceTests
{
}
