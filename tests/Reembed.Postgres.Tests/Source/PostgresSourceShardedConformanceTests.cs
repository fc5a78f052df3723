using Reembed.Postgres.Source;

namespace Reembed.Postgres.Tests;

/// <summary>Shards of about four rows read in pages of two, so that resumes cross page and shard boundaries.</summary>
public sealed class PostgresSourceShardedConformanceTests : PostgresSourceConformanceTests
{
    protected override bool SplitsIntoShards => true;

    protected override RecordSource Create(string table) => new PostgresSource(TableOptions(table), pageSize: 2, rowsPerShard: 4);
}
