namespace Reembed.Postgres.Tests;

/// <summary>A pgvector <c>vector(n)</c> column of the source table on the pgvector server (PGlite): searched, with rows not embedded yet.</summary>
public sealed class PostgresPgvectorInPlaceCollectionConformanceTests : PostgresVectorCollectionConformanceTests
{
    protected override PostgresTargetShape Shape => PostgresTargetShape.InPlace;

    protected override PostgresVectorType VectorType => PostgresVectorType.Vector;

    protected override bool OnPgvector => true;

    protected override string ExpectedName => Table;

    protected override Task<VectorCollection> OpenCollectionAsync() => Task.FromResult(PostgresStores.CreateCollection(Options()));
}
