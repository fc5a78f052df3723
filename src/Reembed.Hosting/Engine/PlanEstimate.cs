namespace Reembed.Hosting;

/// <summary>
/// Duration and cost of a plan. A remote model's time is set by the tighter of its request and token
/// budgets (both are per minute); a local one's by its measured speed.
/// </summary>
internal sealed record PlanEstimate(double? Seconds, long Requests, double? Cost, string BoundBy)
{
    public static PlanEstimate For(JobSpec config, long items, long tokens, double? secondsPerRecord)
    {
        var pipeline = config.Pipeline;
        var byItems = (items + pipeline.MaxItems - 1) / pipeline.MaxItems;
        var byTokens = (tokens + pipeline.MaxTokens - 1) / pipeline.MaxTokens;
        var requests = Math.Max(byItems, byTokens);
        if (config.Embedder.Remote is not { } remote)
        {
            var local = secondsPerRecord is { } perRecord ? perRecord * items / pipeline.MaxConcurrency : (double?)null;
            return new PlanEstimate(local, requests, null, "measured speed");
        }

        var cost = remote.PricePerMillionTokens is { } price ? tokens / 1_000_000.0 * price : (double?)null;
        double? byRpm = remote.RequestsPerMinute is { } rpm ? requests * 60.0 / rpm : null;
        double? byTpm = remote.TokensPerMinute is { } tpm ? tokens * 60.0 / tpm : null;
        return (byRpm, byTpm) switch
        {
            (null, null) => new PlanEstimate(null, requests, cost, "unknown"),
            ({ } r, null) => new PlanEstimate(r, requests, cost, "requestsPerMinute"),
            (null, { } t) => new PlanEstimate(t, requests, cost, "tokensPerMinute"),
            ({ } r, { } t) => new PlanEstimate(Math.Max(r, t), requests, cost, r >= t ? "requestsPerMinute" : "tokensPerMinute"),
        };
    }
}
