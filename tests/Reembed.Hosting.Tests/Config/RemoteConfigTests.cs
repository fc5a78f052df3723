namespace Reembed.Tests;

/// <summary>The remote embedder, cache and enrich sections: defaults, caps, and errors naming the key.</summary>
public sealed class RemoteConfigTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "reembed-remote-config-" + Guid.NewGuid().ToString("N"));

    public RemoteConfigTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<JobSpec> LoadAsync(string embedder, string extra = "")
    {
        var path = Path.Combine(_dir, "reembed.json");
        await File.WriteAllTextAsync(path, $$"""
            {
              "source": { "type": "jsonl", "path": "d.jsonl", "text": "{t}" },
              "target": { "type": "sqlite", "path": "v.db" },
              "embedder": {{embedder}}
              {{extra}}
            }
            """);
        return await Loaders.LoadAsync(path);
    }

    [Fact]
    public async Task LoadAsync_OpenAiDefaults_ProviderCapsAutoConcurrencyCacheBesideState()
    {
        var config = await LoadAsync("""{ "type": "openai", "baseUrl": "https://api.example.test/v1", "model": "m", "apiKeyEnv": "OPENAI_API_KEY" }""");

        var remote = config.Embedder.Remote!;
        Assert.Equal("OPENAI_API_KEY", remote.ApiKeyEnv);
        Assert.Null(remote.Dimensions);
        Assert.Null(remote.MaxConcurrency);
        Assert.Equal(8192, config.Pipeline.MaxInputTokens);
        Assert.Equal(OversizePolicy.Truncate, config.Pipeline.Oversize);
        Assert.Equal(TimeSpan.FromSeconds(60), remote.RequestTimeout);
        Assert.True(config.Cache.Enabled);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(config.StatePath())!, "cache.db"), ((Sqlite.SqliteCacheSpec)config.Cache).Path);
    }

    [Fact]
    public async Task LoadAsync_Hashing_CacheOffUnlessAsked()
    {
        Assert.False((await LoadAsync("""{ "type": "hashing" }""")).Cache.Enabled);
        var asked = await LoadAsync("""{ "type": "hashing" }""", """, "cache": { "path": "c.db", "ttlDays": 2 }""");
        Assert.True(asked.Cache.Enabled);
        Assert.Equal(Path.Combine(_dir, "c.db"), ((Sqlite.SqliteCacheSpec)asked.Cache).Path);
        Assert.Equal(TimeSpan.FromDays(2), asked.Cache.Ttl);
    }

    [Theory]
    [InlineData("""{ "type": "openai", "model": "m" }""", "", "embedder.baseUrl", "required")]
    [InlineData("""{ "type": "openai", "baseUrl": "ftp://x", "model": "m" }""", "", "embedder.baseUrl", "http")]
    [InlineData("""{ "type": "openai", "baseUrl": "https://user:pw@x/v1", "model": "m" }""", "", "embedder.baseUrl", "password")]
    [InlineData("""{ "type": "openai", "baseUrl": "https://x/v1" }""", "", "embedder.model", "required")]
    [InlineData("""{ "type": "openai", "baseUrl": "https://x/v1", "model": "m", "oversize": "drop" }""", "", "embedder.oversize", "truncate, fail")]
    [InlineData("""{ "type": "openai", "baseUrl": "https://x/v1", "model": "m", "apiKeyEnv": "sk-live-abc" }""", "", "embedder.apiKeyEnv", "NAME")]
    [InlineData("""{ "type": "openai", "baseUrl": "https://x/v1", "model": "m", "tokensPerMinute": 0 }""", "", "embedder.tokensPerMinute", "between")]
    [InlineData("""{ "type": "openai", "baseUrl": "https://x/v1", "model": "m" }""", """, "batch": { "maxItems": 5000 }""", "batch.maxItems", "2048")]
    [InlineData("""{ "type": "azure-openai", "baseUrl": "https://x", "deployment": "d" }""", "", "embedder.apiVersion", "required")]
    [InlineData("""{ "type": "azure-openai", "baseUrl": "https://x", "model": "d", "apiVersion": "v" }""", "", "embedder.model", "deployment")]
    [InlineData("""{ "type": "ollama", "model": "m", "modle": 1 }""", "", "embedder.modle", "")]
    [InlineData("""{ "type": "cohere" }""", "", "embedder.type", "openai")]
    [InlineData("""{ "type": "hashing" }""", """, "enrich": { "baseUrl": "https://x/v1", "model": "m" }""", "enrich.prompt", "required")]
    [InlineData("""{ "type": "hashing" }""", """, "cache": { "ttlDays": -1 }""", "cache.ttlDays", "between")]
    public async Task LoadAsync_BadRemoteKey_ThrowsConfigErrorNamingIt(string embedder, string extra, string key, string detail)
    {
        var error = await Assert.ThrowsAsync<ReembedException>(() => LoadAsync(embedder, extra));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live-abc", error.Message, StringComparison.Ordinal);
    }
}
