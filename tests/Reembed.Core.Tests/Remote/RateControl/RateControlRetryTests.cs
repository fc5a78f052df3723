using Reembed.Remote;
using Reembed.Testing;
using static Reembed.Tests.Remote.RateControl.RateControlTestKit;

namespace Reembed.Tests.Remote.RateControl;

public sealed class RateControlRetryTests
{
    [Fact]
    public async Task Generate_TransientErrors_RetriedUntilSuccessAndResultReturned()
    {
        var clock = new ManualTimeProvider();
        var inner = new ScriptedEmbeddingGenerator(clock)
        {
            OnSend = (n, _, _) => n < 3 ? throw ServerError() : Task.CompletedTask,
        };
        var client = Wrap(inner, Options(clock));

        var result = await clock.RunUntilAsync(client.GenerateAsync(["a", "b"]), Limit);

        Assert.Equal(2, result.Count);
        Assert.Equal(FakeEmbeddingGenerator.VectorFor("b", 4), result[1].Vector.ToArray());
        Assert.Equal(4, inner.Requests);
        var stats = Stats(client);
        Assert.Equal(3, stats.Retries);
        Assert.Equal(1, stats.Succeeded);
        Assert.Equal(4, stats.Requests);
    }

    [Theory]
    [InlineData(ErrorKind.Item)]
    [InlineData(ErrorKind.Fatal)]
    public async Task Generate_ItemOrFatalError_NotRetried(ErrorKind kind)
    {
        var clock = new ManualTimeProvider();
        var error = kind == ErrorKind.Item ? Rejected() : Unauthorized();
        var inner = new ScriptedEmbeddingGenerator(clock) { OnSend = (_, _, _) => throw error };
        var client = Wrap(inner, Options(clock));

        var thrown = await Assert.ThrowsAsync<ApiException>(() => client.GenerateAsync(["a"]));

        Assert.Same(error, thrown);
        Assert.Equal(1, inner.Requests);
        Assert.Equal(0, Stats(client).Retries);
    }

    [Fact]
    public async Task Generate_RetryAfter_NoSendBeforeItElapsesForAnyCaller()
    {
        var clock = new ManualTimeProvider();
        var start = clock.UtcNow;
        var inner = new ScriptedEmbeddingGenerator(clock)
        {
            OnSend = (n, _, _) => n == 0 ? throw RateLimited(TimeSpan.FromSeconds(10)) : Task.CompletedTask,
        };
        var client = Wrap(inner, Options(clock));

        var first = client.GenerateAsync(["a"]);
        await ManualTimeProvider.WaitUntilAsync(() => inner.Requests == 1, "the first send");
        await clock.AdvanceSettledAsync(TimeSpan.FromSeconds(2));
        var second = client.GenerateAsync(["b"]);
        await clock.AdvanceSettledAsync(TimeSpan.FromSeconds(7));
        Assert.Equal(1, inner.Requests);

        await clock.RunUntilAsync(Task.WhenAll(first, second), Limit);

        var offsets = Offsets(inner.SentAt, start);
        Assert.Equal(3, offsets.Length);
        Assert.All(offsets.Skip(1), offset => Assert.InRange(offset, 10, 10.5));
        Assert.Equal(1, Stats(client).RateLimited);
    }

    [Fact]
    public async Task Generate_RepeatedFailures_BackoffGrowsAndIsCapped()
    {
        var clock = new ManualTimeProvider();
        var start = clock.UtcNow;
        var inner = new ScriptedEmbeddingGenerator(clock)
        {
            OnSend = (n, _, _) => n < 7 ? throw ServerError() : Task.CompletedTask,
        };
        var options = Options(clock);
        options.InitialBackoff = TimeSpan.FromSeconds(1);
        options.MaxBackoff = TimeSpan.FromSeconds(8);
        var client = Wrap(inner, options);

        await clock.RunUntilAsync(client.GenerateAsync(["a"]), Limit);

        var offsets = Offsets(inner.SentAt, start);
        var gaps = offsets.Zip(offsets.Skip(1), static (a, b) => b - a).ToArray();
        double[] uncapped = [1, 2, 4, 8, 8, 8, 8];
        Assert.Equal(uncapped.Length, gaps.Length);
        for (var i = 0; i < gaps.Length; i++)
        {
            // Jitter takes up to a fifth off, never adds.
            Assert.InRange(gaps[i], uncapped[i] * 0.8 - 0.001, uncapped[i] + 0.001);
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.True(gaps[i + 1] > gaps[i], $"backoff {i + 1} ({gaps[i + 1]}s) should exceed backoff {i} ({gaps[i]}s)");
        }
    }

    [Fact]
    public async Task Generate_CancelledDuringBackoff_EndsPromptlyWithOperationCanceled()
    {
        var clock = new ManualTimeProvider();
        var inner = new ScriptedEmbeddingGenerator(clock) { OnSend = (_, _, _) => throw ServerError() };
        var options = Options(clock);
        options.InitialBackoff = TimeSpan.FromSeconds(30);
        var client = Wrap(inner, options);
        using var cancel = new CancellationTokenSource();

        var call = client.GenerateAsync(["a"], cancellationToken: cancel.Token);
        await ManualTimeProvider.WaitUntilAsync(() => inner.Requests == 1, "the first send");
        await clock.SettleAsync();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, inner.Requests);
    }

    [Fact]
    public async Task Generate_RequestInBackoff_HoldsNoConcurrencySlot()
    {
        var clock = new ManualTimeProvider();
        var start = clock.UtcNow;
        var inner = new ScriptedEmbeddingGenerator(clock)
        {
            OnSend = (n, _, _) => n == 0 ? throw ServerError() : Task.CompletedTask,
        };
        var options = Options(clock);
        options.MaxConcurrency = 1;
        options.InitialBackoff = TimeSpan.FromSeconds(10);
        var client = Wrap(inner, options);

        var failing = client.GenerateAsync(["a"]);
        await ManualTimeProvider.WaitUntilAsync(() => inner.Requests == 1, "the first send");
        await clock.SettleAsync();
        await client.GenerateAsync(["b"]);
        await clock.RunUntilAsync(failing, Limit);

        var offsets = Offsets(inner.SentAt, start);
        Assert.Equal([0, 0], offsets[..2]);
        Assert.InRange(offsets[2], 8, 10);
    }
}
