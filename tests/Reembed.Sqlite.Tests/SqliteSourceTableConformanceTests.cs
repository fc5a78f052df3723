using Reembed.Sqlite;

namespace Reembed.Tests;

/// <summary>The source as the CLI makes it (<see cref="SqliteStores.CreateSource"/>): pages of 1000 rows, one shard below 100,000.</summary>
public sealed class SqliteSourceTableConformanceTests : SqliteSourceConformanceTests
{
    protected override RecordSource Create(SqliteSourceOptions options) => SqliteStores.CreateSource(options);
}
