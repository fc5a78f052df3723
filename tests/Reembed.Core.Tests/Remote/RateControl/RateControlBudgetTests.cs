using Reembed.Remote;
using Reembed.Testing;
using static Reembed.Tests.Remote.RateControl.RateControlTestKit;

namespace Reembed.Tests.Remote.RateControl;

public sealed class RateControlBudgetTests
{
    [Fact]
    public async Task Generate_MoreRequestsThanPerMinute_ExtraOnesWaitForRefill()
    {
        var clock = new ManualTimeProvider();
        var start = clock.UtcNow;
        var inner = new ScriptedEmbeddingGenerator(clock);
        var options = Options(clock);
        options.RequestsPerMinute = 60;
        options.MaxConcurrency = 100;
        var client = Wrap(inner, options);

        var calls = Enumerable.Range(0, 63).Select(i => client.GenerateAsync([$"text {i}"])).ToArray();
        await clock.RunUntilAsync(Task.WhenAll(calls), Limit);

        var offsets = Offsets(inner.SentAt, start);
        Assert.Equal(60, offsets.Count(static o => o == 0));
        // 60 a minute refills one a second.
        Assert.InRange(offsets[60], 1, 1.01);
        Assert.InRange(offsets[61], 2, 2.01);
        Assert.InRange(offsets[62], 3, 3.01);
    }

    [Fact]
    public async Task Generate_TokensPerMinuteSpent_NextWaitsForRefill()
    {
        var clock = new ManualTimeProvider();
        var start = clock.UtcNow;
        var inner = new ScriptedEmbeddingGenerator(clock);
        var options = Options(clock);
        options.TokensPerMinute = 600;
        options.EstimateTokens = static _ => 100;
        var client = Wrap(inner, options);

        for (var i = 0; i < 6; i++)
        {
            await client.GenerateAsync([$"text {i}"]);
        }

        await clock.RunUntilAsync(client.GenerateAsync(["one more"]), Limit);

        var offsets = Offsets(inner.SentAt, start);
        Assert.All(offsets[..6], static o => Assert.Equal(0, o));
        // 100 tokens at 600 a minute take 10 s.
        Assert.InRange(offsets[6], 10, 10.01);
    }

    [Fact]
    public async Task Generate_UsageBelowEstimate_SettleRefundsTheBudget()
    {
        var clock = new ManualTimeProvider();
        var inner = new ScriptedEmbeddingGenerator(clock) { UsageTokens = static _ => 10 };
        var options = Options(clock);
        options.TokensPerMinute = 600;
        options.EstimateTokens = static _ => 100;
        var client = Wrap(inner, options);

        for (var i = 0; i < 20; i++)
        {
            var call = client.GenerateAsync([$"text {i}"]);
            Assert.True(call.IsCompleted, $"request {i} should not wait: the server counted 10 tokens each");
            await call;
        }

        Assert.Equal(200, Stats(client).TokensSettled);
    }

    [Fact]
    public async Task Generate_UsageAboveEstimate_SettleAddsDebt()
    {
        var clock = new ManualTimeProvider();
        var start = clock.UtcNow;
        var inner = new ScriptedEmbeddingGenerator(clock) { UsageTokens = static _ => 300 };
        var options = Options(clock);
        options.TokensPerMinute = 600;
        options.EstimateTokens = static _ => 100;
        var client = Wrap(inner, options);

        await client.GenerateAsync(["a"]);
        await client.GenerateAsync(["b"]);
        await clock.RunUntilAsync(client.GenerateAsync(["c"]), Limit);

        var offsets = Offsets(inner.SentAt, start);
        Assert.Equal([0, 0], offsets[..2]);
        // 600 counted leaves nothing; 100 more take 10 s.
        Assert.InRange(offsets[2], 10, 10.01);
    }

    [Fact]
    public async Task Generate_RequestLargerThanCapacity_GoesThroughAndLeavesDebt()
    {
        var clock = new ManualTimeProvider();
        var start = clock.UtcNow;
        var inner = new ScriptedEmbeddingGenerator(clock);
        var options = Options(clock);
        options.TokensPerMinute = 100;
        options.EstimateTokens = static text => text.Length;
        var client = Wrap(inner, options);

        await clock.RunUntilAsync(client.GenerateAsync([new string('x', 250)]), Limit);
        await clock.RunUntilAsync(client.GenerateAsync([new string('y', 10)]), Limit);

        var offsets = Offsets(inner.SentAt, start);
        Assert.Equal(0, offsets[0]);
        // A debt of 150 plus 10 tokens at 100 a minute: 96 s.
        Assert.InRange(offsets[1], 96, 96.01);
    }

    [Fact]
    public async Task Generate_ServerSaysNoneRemaining_WaitsForItsReset()
    {
        var clock = new ManualTimeProvider();
        var start = clock.UtcNow;
        var inner = new ScriptedEmbeddingGenerator(clock)
        {
            RateLimit = static n => n == 0 ? new RateLimitInfo(600, null, 0, null, TimeSpan.FromSeconds(5), null) : null,
        };
        var options = Options(clock);
        options.RequestsPerMinute = 6000;
        var client = Wrap(inner, options);

        await client.GenerateAsync(["a"]);
        await clock.RunUntilAsync(client.GenerateAsync(["b"]), Limit);

        var offsets = Offsets(inner.SentAt, start);
        Assert.InRange(offsets[1], 5, 5.01);
    }

    [Fact]
    public async Task Generate_NoConfiguredLimit_AdoptsTheServersLimit()
    {
        var clock = new ManualTimeProvider();
        var start = clock.UtcNow;
        var inner = new ScriptedEmbeddingGenerator(clock)
        {
            RateLimit = static _ => new RateLimitInfo(60, null, null, null, null, null),
        };
        var options = Options(clock);
        options.MaxConcurrency = 100;
        var client = Wrap(inner, options);

        await client.GenerateAsync(["first"]);
        var calls = Enumerable.Range(0, 61).Select(i => client.GenerateAsync([$"text {i}"])).ToArray();
        await clock.RunUntilAsync(Task.WhenAll(calls), Limit);

        var offsets = Offsets(inner.SentAt, start);
        Assert.Equal(61, offsets.Count(static o => o == 0));
        Assert.InRange(offsets[61], 1, 1.01);
    }
}
