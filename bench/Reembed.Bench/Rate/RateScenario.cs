using Reembed.Testing.FakeApi;

namespace Reembed.Bench.Rate;

/// <summary>One setting of the fake API; every scenario has the same limits and differs in latency or faults.</summary>
internal sealed record RateScenario(string Name, string Label, TimeSpan LatencyMean, TimeSpan LatencyJitter, double ServerErrorRate)
{
    public const int RequestsPerMinute = 3_000;
    public const int TokensPerMinute = 1_000_000;
    public const int Dimensions = 64;

    // A hosted API's full minute of burst would let a 70 s run look faster than the limit; 5 s measures the sustained rate.
    public const double BurstSeconds = 5;

    public static IReadOnlyList<RateScenario> All { get; } =
    [
        new("latency200", "latency 200 ± 50 ms", TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50), 0),
        new("latency1000", "latency 1 s ± 250 ms", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(250), 0),
        new("errors5", "latency 200 ± 50 ms, 5% 5xx", TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50), 0.05),
    ];

    public async Task<FakeEmbeddingServer> StartServerAsync(int seed, string apiKey)
    {
        var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions
        {
            LatencyMean = LatencyMean,
            LatencyJitter = LatencyJitter,
            RequestsPerMinute = RequestsPerMinute,
            TokensPerMinute = TokensPerMinute,
            BurstSeconds = BurstSeconds,
            Dimensions = Dimensions,
            ApiKey = apiKey,
            Seed = seed,
        });
        server.Faults.ServerErrorRate = ServerErrorRate;
        // A Debian description could contain the marker; no record may fail for a reason the scenario did not ask for.
        server.Faults.PoisonMarker = null;
        return server;
    }
}
