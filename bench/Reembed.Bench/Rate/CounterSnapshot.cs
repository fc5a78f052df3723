using Reembed.Testing.FakeApi;

namespace Reembed.Bench.Rate;

/// <summary>The fake's counters at one moment, so that a window's counts are the difference of two.</summary>
internal readonly record struct CounterSnapshot(DateTimeOffset At, long Requests, long Succeeded, long RateLimited, long ServerErrors)
{
    // The scenarios inject no fault but 5xx, so every faulted answer is one.
    public static CounterSnapshot Take(FakeEmbeddingServer server) => new(
        TimeProvider.System.GetUtcNow(),
        server.Counters.EmbeddingRequests,
        server.Counters.Succeeded,
        server.Counters.RateLimited,
        server.Counters.Faulted);
}
