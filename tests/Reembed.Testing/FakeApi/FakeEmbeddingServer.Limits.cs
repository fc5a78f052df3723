using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Reembed.Testing.FakeApi;

public sealed partial class FakeEmbeddingServer
{
    private readonly Lock _bucketLock = new();
    private readonly TokenBucket _requestBucket = new();
    private readonly TokenBucket _tokenBucket = new();

    // Every response carries the bucket state, rejected ones too; this is the state before the request counts.
    private void ShowRateHeaders(HttpContext context)
    {
        if (Options.RequestsPerMinute is null && Options.TokensPerMinute is null)
        {
            return;
        }

        lock (_bucketLock)
        {
            var now = Options.Time.GetUtcNow();
            _ = Options.RequestsPerMinute is { } rpm ? _requestBucket.WaitFor(rpm, Capacity(rpm), 0, now) : 0;
            _ = Options.TokensPerMinute is { } tpm ? _tokenBucket.WaitFor(tpm, Capacity(tpm), 0, now) : 0;
            SetRateHeaders(context);
        }
    }

    /// <summary>
    /// Takes one request and <paramref name="tokens"/> tokens from the buckets, or answers 429 when either
    /// lacks them. Nothing is taken from either bucket unless both have enough.
    /// </summary>
    private async Task<bool> CheckRateAsync(HttpContext context, ApiDialect dialect, string model, long tokens)
    {
        int? rpm = Options.RequestsPerMinute;
        int? tpm = Options.TokensPerMinute;
        if (rpm is null && tpm is null)
        {
            return true;
        }

        double requestWait, tokenWait;
        long usedRequests = 0, usedTokens = 0;
        lock (_bucketLock)
        {
            var now = Options.Time.GetUtcNow();
            requestWait = rpm is { } r ? _requestBucket.WaitFor(r, Capacity(r), 1, now) : 0;
            tokenWait = tpm is { } t ? _tokenBucket.WaitFor(t, Capacity(t), tokens, now) : 0;
            if (requestWait == 0 && tokenWait == 0)
            {
                if (rpm is not null)
                {
                    _requestBucket.Take(1);
                }

                if (tpm is not null)
                {
                    _tokenBucket.Take(tokens);
                }
            }
            else
            {
                usedRequests = (long)Capacity(rpm ?? 0) - _requestBucket.Remaining;
                usedTokens = (long)Capacity(tpm ?? 0) - _tokenBucket.Remaining;
            }

            SetRateHeaders(context);
        }

        if (requestWait == 0 && tokenWait == 0)
        {
            return true;
        }

        Counters.OnRateLimited();
        if (double.IsPositiveInfinity(tokenWait))
        {
            // No wait makes it fit: OpenAI answers 429 without retry-after, and only a smaller request helps.
            await FakeResponses.WriteErrorAsync(context, dialect, StatusCodes.Status429TooManyRequests,
                $"Request too large for {model} on tokens per min (TPM): Limit {tpm}, Requested {tokens}. "
                + "The input or output tokens must be reduced in order to run successfully.",
                "tokens", code: "rate_limit_exceeded");
            return false;
        }

        var byTokens = tokenWait > requestWait;
        var wait = TimeSpan.FromSeconds(Math.Max(requestWait, tokenWait));
        SetRetryAfter(context, wait);
        var message = byTokens
            ? $"Rate limit reached for {model} on tokens per min (TPM): Limit {tpm}, Used {usedTokens}, Requested {tokens}."
            : $"Rate limit reached for {model} on requests per min (RPM): Limit {rpm}, Used {usedRequests}, Requested 1.";
        await FakeResponses.WriteErrorAsync(context, dialect, StatusCodes.Status429TooManyRequests,
            $"{message} Please try again in {GoDuration.Format(wait)}. Visit https://platform.openai.com/account/rate-limits to learn more.",
            byTokens ? "tokens" : "requests", code: "rate_limit_exceeded");
        return false;
    }

    // A short burst allowance makes a short run measure the sustained rate rather than the first minute's bucket.
    // At least one, so that a single request can always fit eventually.
    private double Capacity(int limit) => Math.Max(1, limit * Options.BurstSeconds / 60);

    private static void SetRetryAfter(HttpContext context, TimeSpan wait)
    {
        var headers = context.Response.Headers;
        headers["retry-after"] = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        headers["retry-after-ms"] = Math.Max(1, (long)Math.Ceiling(wait.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
    }

    // Only the limited buckets are described: there is no honest number for an unlimited one.
    private void SetRateHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        if (Options.RequestsPerMinute is { } rpm)
        {
            headers["x-ratelimit-limit-requests"] = rpm.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-requests"] = _requestBucket.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-requests"] = GoDuration.Format(_requestBucket.UntilFull(rpm, Capacity(rpm)));
        }

        if (Options.TokensPerMinute is { } tpm)
        {
            headers["x-ratelimit-limit-tokens"] = tpm.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-tokens"] = _tokenBucket.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-tokens"] = GoDuration.Format(_tokenBucket.UntilFull(tpm, Capacity(tpm)));
        }
    }
}
