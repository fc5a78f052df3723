using Reembed.Testing.FakeApi;

namespace Reembed.Bench.Rate;

/// <summary>
/// One side's run of one scenario, measured on the fake between the end of the warm-up and the stop.
/// <see cref="RunRequests"/> and <see cref="RunRateLimited"/> cover the whole run, start-up included.
/// </summary>
internal sealed record RateMeasure(
    double Seconds, long Tokens, long Records, long Requests, long Accepted, long RateLimited, long ServerErrors,
    long RunRequests, long RunRateLimited, long? Skipped)
{
    public double TokensPerMinute => Seconds > 0 ? Tokens / Seconds * 60 : 0;

    public double MeanTokensPerRequest => Accepted > 0 ? (double)Tokens / Accepted : 0;

    /// <summary>The limit that binds at this request size: RPM × tokens per request, or TPM, whichever is lower.</summary>
    public double BindingLimit => Math.Min(RateScenario.TokensPerMinute, RateScenario.RequestsPerMinute * MeanTokensPerRequest);

    public string Binds => RateScenario.RequestsPerMinute * MeanTokensPerRequest < RateScenario.TokensPerMinute ? "RPM" : "TPM";

    public double Fraction => BindingLimit > 0 ? TokensPerMinute / BindingLimit : 0;

    public double RateLimitedShare => Requests > 0 ? (double)RateLimited / Requests : 0;

    public double ServerErrorShare => Requests > 0 ? (double)ServerErrors / Requests : 0;

    public double RunRateLimitedShare => RunRequests > 0 ? (double)RunRateLimited / RunRequests : 0;

    public static RateMeasure From(FakeEmbeddingServer server, CounterSnapshot start, CounterSnapshot window, CounterSnapshot stop, long? skipped) => new(
        (stop.At - window.At).TotalSeconds,
        server.Counters.TokensAcceptedBetween(window.At, stop.At),
        server.Counters.InputsAcceptedBetween(window.At, stop.At),
        stop.Requests - window.Requests,
        stop.Succeeded - window.Succeeded,
        stop.RateLimited - window.RateLimited,
        stop.ServerErrors - window.ServerErrors,
        stop.Requests - start.Requests,
        stop.RateLimited - start.RateLimited,
        skipped);
}
