using Reembed.Jsonl;
using Reembed.Testing;

namespace Reembed.Tests.Jsonl.Cutover;

public sealed class JsonlCutoverConformanceTests : CutoverTargetConformance, IDisposable
{
    private readonly TempDirectory _directory = new();

    private string LivePath => _directory.File("out/docs.jsonl");

    public void Dispose() => _directory.Dispose();

    protected override CutoverTarget CreateTarget() => JsonlStores.CreateCutover(new JsonlSinkOptions { Path = LivePath }, TimeProvider.System);

    protected override VectorSink CreateSink(string name) => JsonlStores.CreateSink(new JsonlSinkOptions { Path = _directory.File("out/" + name) });

    protected override Task<IReadOnlyDictionary<string, StoredRow>?> ReadRawAsync(string name) => JsonlRawReader.ReadAsync(_directory.File("out/" + name));

    protected override Task CreateEmptyUntaggedLiveAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LivePath)!);
        return File.WriteAllTextAsync(LivePath, "");
    }
}
