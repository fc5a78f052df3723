namespace Reembed.Postgres.Tests;

/// <summary>PostgreSQL 15, a real[] column added to the source table, loaded by binary COPY.</summary>
public sealed class PostgresSinkInPlaceCopyConformanceTests : PostgresSinkConformanceTests
{
    protected override PostgresTargetShape Shape => PostgresTargetShape.InPlace;

    protected override PostgresVectorType VectorType => PostgresVectorType.RealArray;

    protected override PostgresLoadPath LoadPath => PostgresLoadPath.Copy;
}
