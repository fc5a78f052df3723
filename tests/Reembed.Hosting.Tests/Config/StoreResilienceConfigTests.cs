namespace Reembed.Tests;

/// <summary><c>storeResilience</c>: the retries of transient store faults, bound and checked naming the key.</summary>
public sealed class StoreResilienceConfigTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "reembed-resilience-" + Guid.NewGuid().ToString("N")[..8]);

    public StoreResilienceConfigTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task LoadAsync_StoreResilience_BindsEveryKey()
    {
        var spec = await LoadAsync("""{ "maxRetryAttempts": 3, "baseDelaySeconds": 0.5, "maxDelaySeconds": 4, "jitter": false }""");
        var options = spec.Pipeline.StoreResilience;
        Assert.Equal((3, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(4), false), (options.MaxRetryAttempts, options.BaseDelay, options.MaxDelay, options.UseJitter));
    }

    [Theory]
    [InlineData("""{ "maxRetries": 3 }""", "storeResilience.maxRetries")]
    [InlineData("""{ "baseDelaySeconds": 10, "maxDelaySeconds": 5 }""", "storeResilience.baseDelaySeconds")]
    [InlineData("""{ "maxRetryAttempts": -1 }""", "storeResilience.maxRetryAttempts")]
    public async Task LoadAsync_BadStoreResilience_NamesTheKey(string section, string key)
    {
        var error = await Assert.ThrowsAsync<ReembedException>(() => LoadAsync(section));
        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private async Task<JobSpec> LoadAsync(string resilience)
    {
        var path = Path.Combine(_dir, "reembed.json");
        await File.WriteAllTextAsync(path, $$"""
            { "source": { "type": "jsonl", "path": "d.jsonl", "text": "{t}" }, "target": { "type": "sqlite", "path": "v.db" },
              "embedder": { "type": "hashing" }, "storeResilience": {{resilience}} }
            """);
        return await Loaders.LoadAsync(path);
    }
}
