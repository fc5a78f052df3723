namespace Reembed.Postgres.Tests;

/// <summary>A real[] column of the source table on PostgreSQL 15, opened as <c>verify</c> opens an in-place target (<see cref="PostgresStores.CreateCollection"/>).</summary>
public sealed class PostgresInPlaceColumnCollectionConformanceTests : PostgresVectorCollectionConformanceTests
{
    protected override PostgresTargetShape Shape => PostgresTargetShape.InPlace;

    protected override PostgresVectorType VectorType => PostgresVectorType.RealArray;

    protected override string ExpectedName => Table;

    protected override Task<VectorCollection> OpenCollectionAsync() => Task.FromResult(PostgresStores.CreateCollection(Options()));
}
