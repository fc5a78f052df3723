namespace Reembed.Postgres.Tests;

/// <summary>A table read by the source as the CLI makes it (<see cref="PostgresStores.CreateSource"/>): one shard, pages of 1000.</summary>
public sealed class PostgresSourceTableConformanceTests : PostgresSourceConformanceTests
{
    protected override RecordSource Create(string table) => PostgresStores.CreateSource(TableOptions(table));
}
