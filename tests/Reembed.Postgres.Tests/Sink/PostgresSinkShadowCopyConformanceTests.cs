namespace Reembed.Postgres.Tests;

/// <summary>PostgreSQL 15, a shadow real[] table loaded by binary COPY.</summary>
public sealed class PostgresSinkShadowCopyConformanceTests : PostgresSinkConformanceTests
{
    protected override PostgresTargetShape Shape => PostgresTargetShape.Shadow;

    protected override PostgresVectorType VectorType => PostgresVectorType.RealArray;

    protected override PostgresLoadPath LoadPath => PostgresLoadPath.Copy;
}
