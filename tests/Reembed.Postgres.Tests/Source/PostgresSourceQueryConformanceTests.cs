namespace Reembed.Postgres.Tests;

/// <summary>The same rows read through <c>source.query</c> instead of <c>source.table</c>.</summary>
public sealed class PostgresSourceQueryConformanceTests : PostgresSourceConformanceTests
{
    protected override string MissingSubject => "source.query";

    protected override RecordSource Create(string table) => PostgresStores.CreateSource(new PostgresSourceOptions
    {
        ConnectionString = ConnectionString,
        Query = $"SELECT id, title, body FROM {table}",
        Text = Template,
    });
}
