using Reembed.Remote;
using Reembed.Testing;
using static Reembed.Tests.Remote.RateControl.RateControlTestKit;

namespace Reembed.Tests.Remote.RateControl;

public sealed class RateControlOutageTests
{
    [Fact]
    public async Task Generate_FailingPastOutageAfter_PausesOnceAndResumesOnceOnSuccess()
    {
        var clock = new ManualTimeProvider();
        var start = clock.UtcNow;
        var notices = new List<OutageNotice>();
        var pausedSeen = false;
        var inner = new ScriptedEmbeddingGenerator(clock);
        var options = Options(clock);
        options.OutageAfter = TimeSpan.FromSeconds(60);
        options.MaxBackoff = TimeSpan.FromSeconds(10);
        options.OnOutageChanged = notices.Add;
        var client = Wrap(inner, options);
        inner.OnSend = (_, _, _) =>
        {
            pausedSeen |= Stats(client).Paused;
            return clock.UtcNow - start < TimeSpan.FromSeconds(150) ? throw ServerError() : Task.CompletedTask;
        };

        await clock.RunUntilAsync(client.GenerateAsync(["a"]), Limit);

        Assert.Equal(2, notices.Count);
        Assert.True(notices[0].Paused);
        Assert.Equal(start, notices[0].Since);
        Assert.Equal("test answered 503", notices[0].Reason);
        Assert.False(notices[1].Paused);
        Assert.True(notices[1].Since >= start.AddSeconds(150));
        Assert.True(pausedSeen);
        Assert.False(Stats(client).Paused);

        // During the outage the retries come at the maximum backoff (jitter takes at most a fifth off).
        var offsets = Offsets(inner.SentAt, start);
        var duringOutage = offsets.Zip(offsets.Skip(1), static (a, b) => (At: a, Gap: b - a)).Where(static p => p.At >= 60);
        Assert.All(duringOutage, static p => Assert.InRange(p.Gap, 8, 10));
    }

    [Fact]
    public async Task Generate_FailingPastGiveUpAfter_ThrowsFatal()
    {
        var clock = new ManualTimeProvider();
        var start = clock.UtcNow;
        var inner = new ScriptedEmbeddingGenerator(clock) { OnSend = (_, _, _) => throw ServerError() };
        var options = Options(clock);
        options.OutageAfter = TimeSpan.FromSeconds(10);
        options.GiveUpAfter = TimeSpan.FromSeconds(30);
        options.MaxBackoff = TimeSpan.FromSeconds(5);
        var client = Wrap(inner, options);

        var error = await Assert.ThrowsAsync<ApiException>(() => clock.RunUntilAsync(client.GenerateAsync(["a"]), Limit));

        Assert.Equal(ErrorKind.Fatal, error.Kind);
        Assert.Equal(ApiErrorClasses.ServerError, error.ErrorClass);
        Assert.Contains("test answered 503", error.Message, StringComparison.Ordinal);
        Assert.InRange((clock.UtcNow - start).TotalSeconds, 30, 36);
    }

    [Fact]
    public async Task Generate_ShortFailureThenSuccess_NoOutageNotice()
    {
        var clock = new ManualTimeProvider();
        var notices = new List<OutageNotice>();
        var inner = new ScriptedEmbeddingGenerator(clock)
        {
            OnSend = (n, _, _) => n < 3 ? throw ServerError() : Task.CompletedTask,
        };
        var options = Options(clock);
        options.OutageAfter = TimeSpan.FromSeconds(60);
        options.OnOutageChanged = notices.Add;
        var client = Wrap(inner, options);

        await clock.RunUntilAsync(client.GenerateAsync(["a"]), Limit);

        Assert.Empty(notices);
    }
}
