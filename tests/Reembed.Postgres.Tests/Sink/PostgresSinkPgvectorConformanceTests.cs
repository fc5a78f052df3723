namespace Reembed.Postgres.Tests;

/// <summary>
/// pgvector (PGlite), a shadow <c>vector(n)</c> table loaded by INSERT: PGlite breaks its one session on
/// COPY FROM STDIN, so that path is covered on PostgreSQL 15 only.
/// </summary>
public sealed class PostgresSinkPgvectorConformanceTests : PostgresSinkConformanceTests
{
    protected override PostgresTargetShape Shape => PostgresTargetShape.Shadow;

    protected override PostgresVectorType VectorType => PostgresVectorType.Vector;

    protected override PostgresLoadPath LoadPath => PostgresLoadPath.Insert;

    protected override bool OnPgvector => true;
}
