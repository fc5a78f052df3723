using Reembed.Testing.FakeApi;

namespace Reembed.Bench.Rate;

/// <summary>The measured window of a run: from the end of the warm-up to the stop.</summary>
internal static class RateWindow
{
    /// <summary>Waits for the end of the warm-up and then for the stop, taking the counters at both.</summary>
    public static async Task<(CounterSnapshot Window, CounterSnapshot Stop)> WatchAsync(
        FakeEmbeddingServer server, DateTimeOffset started, RateSettings settings, CancellationToken cancellationToken = default)
    {
        await DelayUntilAsync(started + settings.Warmup, cancellationToken);
        var window = CounterSnapshot.Take(server);
        await DelayUntilAsync(started + settings.Duration, cancellationToken);
        return (window, CounterSnapshot.Take(server));
    }

    private static async Task DelayUntilAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var wait = at - TimeProvider.System.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }
}
