using System.Globalization;
using Reembed.Sqlite;
using Reembed.Testing;

namespace Reembed.Tests;

/// <summary>
/// The sqlite source over a table of its own per store (<c>id TEXT PRIMARY KEY, title, body</c>) in this test's
/// database file; an unreadable row is one whose title is a BLOB, which has no text to compose.
/// </summary>
public abstract class SqliteSourceConformanceTests : RecordSourceConformanceTests, IDisposable
{
    private readonly TestDatabase _db = new();
    private int _tables;

    protected override bool CanStoreUnreadable => true;

    public void Dispose() => _db.Dispose();

    /// <summary>A new, unopened source of the kind under test over <paramref name="options"/>.</summary>
    protected abstract RecordSource Create(SqliteSourceOptions options);

    protected override async Task<Func<RecordSource>> CreateStoreAsync(IReadOnlyList<SourceRow> rows)
    {
        var table = "docs" + (++_tables).ToString(CultureInfo.InvariantCulture);
        await _db.ExecuteAsync($"CREATE TABLE {table} (id TEXT PRIMARY KEY, title TEXT, body TEXT)");
        await _db.InsertManyAsync($"INSERT INTO {table} VALUES ($p0, $p1, $p2)", rows.Count, i => rows[i].Unreadable
            ? [rows[i].Id, new byte[] { 0x00, 0xff }, rows[i].Body]
            : [rows[i].Id, rows[i].Title, rows[i].Body]);
        return () => Create(Options(_db.Path, table));
    }

    protected override async Task<IReadOnlyList<MissingSource>> CreateMissingSourcesAsync()
    {
        await _db.ExecuteAsync("CREATE TABLE IF NOT EXISTS present (id TEXT, title TEXT, body TEXT)");
        var absentFile = Path.Combine(_db.Folder, "absent.db");
        return
        [
            new(Create(Options(absentFile, "present")), "source.path", absentFile),
            new(Create(Options(_db.Path, "absent_table")), "source.table", "absent_table"),
        ];
    }

    private static SqliteSourceOptions Options(string path, string table) => new() { Path = path, Table = table, Text = Template };
}
