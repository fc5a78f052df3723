namespace Reembed.Tests;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "reembed-config-" + Guid.NewGuid().ToString("N")[..8]);

    public ConfigLoaderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<JobSpec> LoadAsync(string json, ConfigOverrides? overrides = null)
    {
        var path = Path.Combine(_dir, "reembed.json");
        await File.WriteAllTextAsync(path, json);
        return await Loaders.LoadAsync(path, overrides);
    }

    private const string Minimal = """
        // comment
        {
          "source": { "type": "jsonl", "path": "data/docs.jsonl.gz", "text": "{summary}" },
          "target": { "type": "sqlite", "path": "out/v.db" },
          "embedder": { "type": "hashing", "maxConcurrency": "auto" }, /* trailing comma below */
        }
        """;

    [Fact]
    public async Task LoadAsync_Minimal_AppliesDefaultsAndResolvesPathsAgainstConfigFolder()
    {
        var config = await LoadAsync(Minimal);
        Assert.Equal(Path.Combine(_dir, "data", "docs.jsonl.gz"), ((Jsonl.JsonlSourceSpec)config.Source).Path);
        Assert.Equal("id", config.Source.Id);
        Assert.Equal(Path.Combine(_dir, "out", "v.db"), ((Sqlite.SqliteTargetSpec)config.Target).Path);
        Assert.Equal("vectors", ((Sqlite.SqliteTargetSpec)config.Target).Table);
        Assert.Equal(Path.Combine(_dir, ".reembed", "state.db"), config.StatePath());
        Assert.Equal(ReembedMode.Missing, config.Pipeline.Mode);
        Assert.Equal(128, config.Pipeline.MaxItems);
        Assert.Equal(384, config.Embedder.Hashing!.Dimensions);
    }

    [Fact]
    public async Task LoadAsync_Overrides_WinOverKeys()
    {
        var config = await LoadAsync(Minimal.Replace("\"target\"", "\"mode\": \"missing\", \"target\"", StringComparison.Ordinal),
            new ConfigOverrides(Mode: "all", StatePath: "/tmp/elsewhere.db"));
        Assert.Equal(ReembedMode.All, config.Pipeline.Mode);
        Assert.Equal("/tmp/elsewhere.db", config.StatePath());
    }

    [Fact]
    public async Task LoadAsync_BadOverride_NamesTheFlag()
    {
        var error = await Assert.ThrowsAsync<ReembedException>(() => LoadAsync(Minimal, new ConfigOverrides(Mode: "sometimes")));
        Assert.Contains("--mode", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"embedder\": { \"type\": \"hashing\", \"maxConcurrency\": \"auto\" }", "\"embedder\": { \"type\": \"hashing\", \"dimesions\": 5 }", "embedder.dimesions", "did you mean 'embedder.dimensions'")]
    [InlineData("\"embedder\": { \"type\": \"hashing\", \"maxConcurrency\": \"auto\" }", "\"embedder\": { \"type\": \"openia\" }", "embedder.type", "unknown embedder type")]
    [InlineData("\"embedder\": { \"type\": \"hashing\", \"maxConcurrency\": \"auto\" }", "\"embedder\": { \"type\": \"hashing\", \"dimensions\": 0 }", "embedder.dimensions", "between")]
    [InlineData("\"embedder\": { \"type\": \"hashing\", \"maxConcurrency\": \"auto\" }", "\"embedder\": { \"type\": \"hashing\", \"features\": [\"trigrams\"] }", "embedder.features", "trigrams")]
    [InlineData("\"type\": \"sqlite\", \"path\": \"out/v.db\"", "\"type\": \"sqlite\"", "target.path", "required")]
    [InlineData("\"type\": \"jsonl\", \"path\"", "\"type\": \"csv\", \"path\"", "source.type", "unknown source type")]
    [InlineData("\"text\": \"{summary}\"", "\"text\": 5", "source.text", "must be a string")]
    [InlineData("\"text\": \"{summary}\"", "\"text\": \"{summary\"", "source.text", "")]
    public async Task LoadAsync_BadKey_ThrowsConfigErrorNamingIt(string from, string to, string key, string detail)
    {
        var error = await Assert.ThrowsAsync<ReembedException>(() => LoadAsync(Minimal.Replace(from, to, StringComparison.Ordinal)));
        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }
}
