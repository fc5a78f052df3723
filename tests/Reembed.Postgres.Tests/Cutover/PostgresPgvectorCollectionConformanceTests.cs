namespace Reembed.Postgres.Tests;

/// <summary>A pgvector <c>vector(n)</c> table on the pgvector server (PGlite), searched by <c>&lt;=&gt;</c>.</summary>
public sealed class PostgresPgvectorCollectionConformanceTests : PostgresVectorCollectionConformanceTests
{
    protected override PostgresTargetShape Shape => PostgresTargetShape.Shadow;

    protected override PostgresVectorType VectorType => PostgresVectorType.Vector;

    protected override bool OnPgvector => true;

    protected override string ExpectedName => Table;

    protected override Task<VectorCollection> OpenCollectionAsync() => Task.FromResult(PostgresStores.CreateCollection(Options()));
}
