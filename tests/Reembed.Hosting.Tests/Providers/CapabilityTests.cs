using Microsoft.Extensions.DependencyInjection;
using Reembed.Sqlite;

namespace Reembed.Tests;

/// <summary>The loader holds every config to what its kinds declare they can do, before anything is opened.</summary>
public sealed class CapabilityTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "reembed-caps-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly JobSpecLoader _loader;

    public CapabilityTests()
    {
        Directory.CreateDirectory(_dir);
        var services = new ServiceCollection();
        services.AddReembed().AddSqlite().AddStore(new AppendOnlyStoreProvider());
        _loader = services.BuildServiceProvider().GetRequiredService<JobSpecLoader>();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task LoadAsync_ShadowCutoverOnAKindThatCannotRenameOrAlias_IsRefusedNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<ReembedException>(() => LoadAsync("""{ "type": "appendonly", "path": "v.bin", "cutover": "shadow" }"""));
        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains("target.cutover", error.Message, StringComparison.Ordinal);
        Assert.Contains("appendonly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_SameKindWithoutShadow_Loads()
    {
        var spec = await LoadAsync("""{ "type": "appendonly", "path": "v.bin" }""");
        Assert.Equal("appendonly", spec.Target.Type);
        Assert.False(spec.Target.ShadowCutover);
    }

    [Fact]
    public async Task LoadAsync_TargetOnlyKindAsSource_IsRefusedListingTheSources()
    {
        var error = await Assert.ThrowsAsync<ReembedException>(() =>
            LoadAsync("""{ "type": "sqlite", "path": "v.db" }""", source: """{ "type": "appendonly", "path": "d.bin", "text": "{t}" }"""));
        Assert.Contains("source.type", error.Message, StringComparison.Ordinal);
        Assert.Contains("appendonly cannot be a source (known: jsonl, sqlite)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_TargetOnlyKindAsState_IsRefusedListingTheStateKinds()
    {
        var error = await Assert.ThrowsAsync<ReembedException>(() =>
            LoadAsync("""{ "type": "sqlite", "path": "v.db" }""", extra: """, "state": { "type": "appendonly" }"""));
        Assert.Contains("state.type", error.Message, StringComparison.Ordinal);
        Assert.Contains("(known: sqlite)", error.Message, StringComparison.Ordinal);
    }

    private async Task<JobSpec> LoadAsync(string target, string source = """{ "type": "jsonl", "path": "d.jsonl", "text": "{t}" }""", string extra = "")
    {
        var path = Path.Combine(_dir, "reembed.json");
        await File.WriteAllTextAsync(path, $$"""{ "source": {{source}}, "target": {{target}}, "embedder": { "type": "hashing" }{{extra}} }""");
        return await _loader.LoadAsync(path, new ConfigOverrides());
    }
}
