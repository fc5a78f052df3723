using Reembed.Remote;
using Reembed.Testing;
using static Reembed.Tests.Remote.RateControl.RateControlTestKit;

namespace Reembed.Tests.Remote.RateControl;

public sealed class RateControlConcurrencyTests
{
    [Fact]
    public async Task Generate_ManyCallers_NoMoreInFlightThanMaxConcurrency()
    {
        var clock = new ManualTimeProvider();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inner = new ScriptedEmbeddingGenerator(clock) { OnSend = (_, _, _) => release.Task };
        var options = Options(clock);
        options.MaxConcurrency = 3;
        var client = Wrap(inner, options);

        var calls = Enumerable.Range(0, 10).Select(i => client.GenerateAsync([$"text {i}"])).ToArray();
        await ManualTimeProvider.WaitUntilAsync(() => inner.Requests == 3, "three sends");
        await clock.SettleAsync();
        Assert.Equal(3, inner.Requests);

        release.SetResult();
        await Task.WhenAll(calls);
        Assert.Equal(10, inner.Requests);
        Assert.Equal(3, inner.MaxInFlight);
    }

    [Fact]
    public async Task Generate_RateLimited_HalvesConcurrencyThenSuccessesGrowIt()
    {
        var clock = new ManualTimeProvider();
        var inner = new ScriptedEmbeddingGenerator(clock)
        {
            OnSend = (n, _, _) => n == 0 ? throw RateLimited() : Task.CompletedTask,
        };
        var client = Wrap(inner, Options(clock));
        Assert.Equal(RateControlOptions.AutoInitialConcurrency, Stats(client).CurrentConcurrency);

        await clock.RunUntilAsync(client.GenerateAsync(["a"]), Limit);
        Assert.Equal(2, Stats(client).CurrentConcurrency);

        for (var i = 0; i < 3; i++)
        {
            await client.GenerateAsync([$"text {i}"]);
        }

        // 2, then +1/2 per success: 2.5, 2.9, 3.2.
        Assert.Equal(3, Stats(client).CurrentConcurrency);
        Assert.Equal(1, Stats(client).RateLimited);
    }

    [Fact]
    public async Task Generate_ManySuccesses_ConcurrencyBoundedByMaxConcurrency()
    {
        var clock = new ManualTimeProvider();
        var inner = new ScriptedEmbeddingGenerator(clock);
        var options = Options(clock);
        options.MaxConcurrency = 6;
        var client = Wrap(inner, options);

        for (var i = 0; i < 200; i++)
        {
            await client.GenerateAsync([$"text {i}"]);
        }

        Assert.Equal(6, Stats(client).CurrentConcurrency);
    }

    [Fact]
    public async Task Generate_Timeout_CountsAndHalvesConcurrency()
    {
        var clock = new ManualTimeProvider();
        var inner = new ScriptedEmbeddingGenerator(clock)
        {
            OnSend = (n, _, _) => n == 0 ? throw TimedOut() : Task.CompletedTask,
        };
        var options = Options(clock);
        options.MaxConcurrency = 8;
        var client = Wrap(inner, options);

        await clock.RunUntilAsync(client.GenerateAsync(["a"]), Limit);

        var stats = Stats(client);
        Assert.Equal(1, stats.Timeouts);
        Assert.Equal(0, stats.RateLimited);
        Assert.InRange(stats.CurrentConcurrency, 4, 5);
    }
}
