using Reembed.Sqlite;
using Reembed.Testing;

namespace Reembed.Tests.Cutover;

/// <summary>A sqlite live table written by the sink (an upsert by id), opened through the cut-over target.</summary>
public sealed class SqliteVectorCollectionConformanceTests : VectorCollectionConformanceTests, IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly SqliteSinkOptions _options;
    private readonly CutoverTarget _cutover;

    public SqliteVectorCollectionConformanceTests()
    {
        _options = new SqliteSinkOptions { Path = _db.Path, Table = "vectors" };
        _cutover = SqliteStores.CreateCutover(_options, TimeProvider.System);
    }

    protected override string ExpectedName => _cutover.LiveName;

    public void Dispose() => _db.Dispose();

    public override async Task DisposeAsync() => await _cutover.DisposeAsync();

    protected override async Task StoreAsync(IReadOnlyList<CollectionRow> rows)
    {
        await using var sink = SqliteStores.CreateSink(_options);
        await sink.OpenAsync(Space, resumeToken: null);
        foreach (var batch in Batches(rows))
        {
            await sink.WriteAsync(batch);
        }
    }

    protected override async Task<VectorCollection> OpenCollectionAsync() =>
        await _cutover.OpenCollectionAsync(ExpectedName) ?? throw new InvalidOperationException($"{ExpectedName} was not written");
}
