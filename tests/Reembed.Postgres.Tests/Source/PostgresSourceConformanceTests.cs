using System.Globalization;
using Reembed.Testing;

namespace Reembed.Postgres.Tests;

/// <summary>
/// The postgres source on PostgreSQL 15 over a table of its own per store (<c>id text</c> with a unique index,
/// <c>title</c>, <c>body</c>) in this test's schema; an unreadable row is one whose id is NULL.
/// </summary>
public abstract class PostgresSourceConformanceTests : RecordSourceConformanceTests
{
    private PgScratch? _scratch;
    private int _tables;

    protected override bool CanStoreUnreadable => true;

    // Rows with a NULL id are reported once, as "id:NULL", before the first id.
    protected override bool ReportsUnreadableTogether => true;

    // The test servers' passwords are also their user and database names, which a description names: look for the
    // connection string and its password key instead.
    protected override IEnumerable<string> Secrets => [ConnectionString, "Password=", "password="];

    /// <summary>The connection string of this test's schema.</summary>
    protected string ConnectionString => Scratch.ConnectionString;

    private PgScratch Scratch => _scratch ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public override async Task InitializeAsync() => _scratch = await PgScratch.CreateAsync();

    public override async Task DisposeAsync()
    {
        if (_scratch is not null)
        {
            await _scratch.DisposeAsync();
        }
    }

    /// <summary>A new, unopened source of the kind under test over the qualified <paramref name="table"/>.</summary>
    protected abstract RecordSource Create(string table);

    protected PostgresSourceOptions TableOptions(string table) => new()
    {
        ConnectionString = ConnectionString,
        Table = table,
        Text = Template,
    };

    protected override async Task<Func<RecordSource>> CreateStoreAsync(IReadOnlyList<SourceRow> rows)
    {
        var table = Scratch.Qualify("docs" + (++_tables).ToString(CultureInfo.InvariantCulture));
        await Scratch.ExecuteAsync($"CREATE TABLE {table} (id text, title text, body text)");
        await Scratch.ExecuteAsync($"CREATE UNIQUE INDEX ON {table} (id)");
        await Scratch.ExecuteAsync(
            $"INSERT INTO {table} SELECT * FROM unnest(@ids::text[], @titles::text[], @bodies::text[])",
            ("ids", rows.Select(r => r.Unreadable ? null : r.Id).ToArray()),
            ("titles", rows.Select(r => r.Title).ToArray()),
            ("bodies", rows.Select(r => r.Body).ToArray()));
        return () => Create(table);
    }

    protected override Task<IReadOnlyList<MissingSource>> CreateMissingSourcesAsync() => Task.FromResult<IReadOnlyList<MissingSource>>(
    [
        new(Create(Scratch.Qualify("absent_table")), MissingSubject, "absent_table"),
        new(Create("absent_schema.docs"), MissingSubject, "absent_schema"),
    ]);

    /// <summary>The config key an open over a missing table names.</summary>
    protected virtual string MissingSubject => "source.table";
}
