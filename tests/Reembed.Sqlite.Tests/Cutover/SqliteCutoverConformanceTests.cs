using Microsoft.Data.Sqlite;
using Reembed.Sqlite;
using Reembed.Testing;

namespace Reembed.Tests.Cutover;

public sealed class SqliteCutoverConformanceTests : CutoverTargetConformance, IDisposable
{
    private const string Live = "docs_vectors";
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    protected override CutoverTarget CreateTarget() => SqliteStores.CreateCutover(new SqliteSinkOptions { Path = _db.Path, Table = Live }, TimeProvider.System);

    protected override VectorSink CreateSink(string name) => SqliteStores.CreateSink(new SqliteSinkOptions { Path = _db.Path, Table = name });

    protected override Task<IReadOnlyDictionary<string, StoredRow>?> ReadRawAsync(string name) => SqliteRawReader.ReadAsync(_db.Path, name);

    protected override Task CreateEmptyUntaggedLiveAsync() =>
        _db.ExecuteAsync($"CREATE TABLE {Live} (id TEXT PRIMARY KEY, vector BLOB NOT NULL, content_hash TEXT NOT NULL, space TEXT NOT NULL)");
}
