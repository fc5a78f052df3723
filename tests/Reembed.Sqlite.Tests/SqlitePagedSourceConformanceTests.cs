using Reembed.Sqlite;

namespace Reembed.Tests;

/// <summary>Pages of two rows, so that every resume and every read crosses page boundaries of the keyset paging.</summary>
public sealed class SqlitePagedSourceConformanceTests : SqliteSourceConformanceTests
{
    protected override RecordSource Create(SqliteSourceOptions options) => new SqliteSource(options, pageSize: 2);
}
