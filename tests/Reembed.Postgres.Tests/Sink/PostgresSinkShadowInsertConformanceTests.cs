namespace Reembed.Postgres.Tests;

/// <summary>PostgreSQL 15, a shadow real[] table loaded by multi-row INSERT.</summary>
public sealed class PostgresSinkShadowInsertConformanceTests : PostgresSinkConformanceTests
{
    protected override PostgresTargetShape Shape => PostgresTargetShape.Shadow;

    protected override PostgresVectorType VectorType => PostgresVectorType.RealArray;

    protected override PostgresLoadPath LoadPath => PostgresLoadPath.Insert;
}
