namespace Reembed.Postgres.Tests;

/// <summary>PostgreSQL 15, a real[] column added to the source table, loaded by multi-row INSERT.</summary>
public sealed class PostgresSinkInPlaceInsertConformanceTests : PostgresSinkConformanceTests
{
    protected override PostgresTargetShape Shape => PostgresTargetShape.InPlace;

    protected override PostgresVectorType VectorType => PostgresVectorType.RealArray;

    protected override PostgresLoadPath LoadPath => PostgresLoadPath.Insert;
}
