using Reembed.Jsonl;
using Reembed.Testing;

namespace Reembed.Tests.Jsonl;

/// <summary>
/// A jsonl shadow file, as <c>verify</c> reads a job's candidate: written by the sink (a key written again is
/// appended until the job completes), opened through the cut-over target.
/// </summary>
public sealed class JsonlVectorCollectionConformanceTests : VectorCollectionConformanceTests, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly CutoverTarget _cutover;

    public JsonlVectorCollectionConformanceTests()
    {
        _cutover = JsonlStores.CreateCutover(new JsonlSinkOptions { Path = _directory.File("vectors.jsonl") }, TimeProvider.System);
    }

    protected override bool KeepsEveryWriteOfAKey => true;

    protected override string ExpectedName => _cutover.ShadowName(Space.Id);

    public void Dispose() => _directory.Dispose();

    public override async Task DisposeAsync() => await _cutover.DisposeAsync();

    protected override async Task StoreAsync(IReadOnlyList<CollectionRow> rows)
    {
        await using var sink = JsonlStores.CreateSink(new JsonlSinkOptions { Path = _directory.File(ExpectedName) });
        await sink.OpenAsync(Space, resumeToken: null);
        foreach (var batch in Batches(rows))
        {
            await sink.WriteAsync(batch);
        }
    }

    protected override async Task<VectorCollection> OpenCollectionAsync() =>
        await _cutover.OpenCollectionAsync(ExpectedName) ?? throw new InvalidOperationException($"{ExpectedName} was not written");
}
