using Microsoft.Extensions.Logging.Abstractions;
using Reembed.Testing;

namespace Reembed.Tests.Pipeline;

public sealed class StoreResilienceOptionsTests
{
    [Fact]
    public void Defaults_SevenJitteredAttemptsFromOneSecondUpToThirty_Valid()
    {
        var options = new StoreResilienceOptions();

        Assert.Equal(7, options.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), options.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxDelay);
        Assert.True(options.UseJitter);
        options.Validate();
        new PipelineOptions().Validate();
    }

    [Theory]
    [InlineData(-1, 1_000, 30_000, "storeResilience.maxRetryAttempts")]
    [InlineData(1_001, 1_000, 30_000, "storeResilience.maxRetryAttempts")]
    [InlineData(7, 0, 30_000, "storeResilience.baseDelaySeconds")]
    [InlineData(7, -5, 30_000, "storeResilience.baseDelaySeconds")]
    [InlineData(7, 31_000, 30_000, "storeResilience.baseDelaySeconds")]
    [InlineData(7, 1_000, 0, "storeResilience.maxDelaySeconds")]
    [InlineData(7, 1_000, 86_400_001, "storeResilience.maxDelaySeconds")]
    public void Validate_OutOfRange_ConfigErrorNamingTheKey(int maxRetryAttempts, int baseMillis, int maxMillis, string key)
    {
        var options = new StoreResilienceOptions
        {
            MaxRetryAttempts = maxRetryAttempts,
            BaseDelay = TimeSpan.FromMilliseconds(baseMillis),
            MaxDelay = TimeSpan.FromMilliseconds(maxMillis),
        };

        var error = Assert.Throws<ReembedException>(options.Validate);

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal(key, error.Subject);
        Assert.StartsWith(key + ": ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000)]
    public void Validate_RetryAttemptsAtTheirBounds_Valid(int maxRetryAttempts) =>
        new StoreResilienceOptions { MaxRetryAttempts = maxRetryAttempts }.Validate();

    [Fact]
    public void PipelineOptionsValidate_BadStoreResilience_NamesItsKey()
    {
        var options = new PipelineOptions { StoreResilience = new StoreResilienceOptions { BaseDelay = TimeSpan.FromMinutes(1) } };

        var error = Assert.Throws<ReembedException>(options.Validate);

        Assert.Equal("storeResilience.baseDelaySeconds", error.Subject);
        Assert.Contains("at most maxDelay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InvalidStoreResilience_RefusedBeforeTheSourceIsOpened()
    {
        var opened = false;
        var source = new OpenWatchingSource(() => opened = true);
        var runner = new JobRunner(source, new InMemorySink(), new FakeEmbeddingGenerator(4),
            new EmbeddingSpace("fake", "fake-v1", 4, normalized: false), new InMemoryStateStore(),
            new PipelineOptions { StoreResilience = new StoreResilienceOptions { MaxRetryAttempts = -1 } },
            NullLogger.Instance, new ManualTimeProvider());

        var error = await Assert.ThrowsAsync<ReembedException>(() => runner.RunAsync(
            new JobRequest { ConfigKey = "c", SpecFingerprint = "f", SpecJson = "{}", Owner = "test" }, new CancellationTokenSource()));

        Assert.Equal("storeResilience.maxRetryAttempts", error.Subject);
        Assert.False(opened);
    }

    private sealed class OpenWatchingSource(Action onOpen) : RecordSource
    {
        public override string Description => "watching";

        public override ValueTask OpenAsync(CancellationToken cancellationToken = default)
        {
            onOpen();
            return ValueTask.CompletedTask;
        }

        public override ValueTask<IReadOnlyList<ShardInfo>> GetShardsAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<ShardInfo>>([]);

        public override IAsyncEnumerable<SourceRecord> ReadAsync(ShardInfo shard, string? afterCursor, CancellationToken cancellationToken = default) =>
            AsyncEnumerable.Empty<SourceRecord>();
    }
}
