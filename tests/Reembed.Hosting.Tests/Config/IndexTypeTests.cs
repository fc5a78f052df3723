using Reembed.Postgres;

namespace Reembed.Tests;

/// <summary><c>target.index.type</c> picks the index like every other <c>type</c>; the older <c>kind</c> still works, with a warning.</summary>
public sealed class IndexTypeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "reembed-index-" + Guid.NewGuid().ToString("N")[..8]);

    public IndexTypeTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task LoadAsync_IndexType_BindsWithoutWarning()
    {
        var warnings = new List<string>();
        var spec = await LoadAsync("""{ "type": "ivfflat", "lists": 10 }""", warnings.Add);
        Assert.Equal("ivfflat", ((PostgresTargetSpec)spec.Target).Index!.Kind);
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task LoadAsync_IndexKind_StillBindsAndWarnsNamingTheNewKey()
    {
        var warnings = new List<string>();
        var spec = await LoadAsync("""{ "kind": "ivfflat" }""", warnings.Add);
        Assert.Equal("ivfflat", ((PostgresTargetSpec)spec.Target).Index!.Kind);
        var warning = Assert.Single(warnings);
        Assert.Contains("target.index.kind", warning, StringComparison.Ordinal);
        Assert.Contains("\"target.index.type\": \"ivfflat\"", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_IndexKindAndType_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ReembedException>(() => LoadAsync("""{ "kind": "hnsw", "type": "ivfflat" }""", null));
        Assert.Contains("target.index.kind", error.Message, StringComparison.Ordinal);
    }

    private async Task<JobSpec> LoadAsync(string index, Action<string>? warn)
    {
        var path = Path.Combine(_dir, "reembed.json");
        await File.WriteAllTextAsync(path, $$"""
            { "source": { "type": "jsonl", "path": "d.jsonl", "text": "{t}" },
              "target": { "type": "postgres", "connectionStringEnv": "PG_URL", "table": "v", "index": {{index}} },
              "embedder": { "type": "hashing" } }
            """);
        return await Loaders.LoadAsync(path, warn: warn);
    }
}
