using System.Globalization;
using System.Net.Http.Headers;

namespace Reembed.Remote;

/// <summary>
/// What a server said about its rate limits in the <c>x-ratelimit-*</c> headers of one response
/// (OpenAI's names: <c>x-ratelimit-limit-requests</c>, <c>-limit-tokens</c>, <c>-remaining-requests</c>,
/// <c>-remaining-tokens</c>, <c>-reset-requests</c>, <c>-reset-tokens</c>; resets as <c>1s</c>, <c>6m0s</c>, <c>20ms</c>).
/// </summary>
internal sealed record RateLimitInfo(
    long? LimitRequests,
    long? LimitTokens,
    long? RemainingRequests,
    long? RemainingTokens,
    TimeSpan? ResetRequests,
    TimeSpan? ResetTokens)
{
    /// <summary>The rate-limit headers of a response, or null when it carried none.</summary>
    public static RateLimitInfo? FromHeaders(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var info = new RateLimitInfo(
            Number(headers, "x-ratelimit-limit-requests"),
            Number(headers, "x-ratelimit-limit-tokens"),
            Number(headers, "x-ratelimit-remaining-requests"),
            Number(headers, "x-ratelimit-remaining-tokens"),
            Duration(headers, "x-ratelimit-reset-requests"),
            Duration(headers, "x-ratelimit-reset-tokens"));
        return info == Empty ? null : info;
    }

    /// <summary>
    /// The wait a response asked for: <c>retry-after-ms</c> (milliseconds), else <c>retry-after</c>
    /// (seconds, or an HTTP date relative to <paramref name="now"/>). Null when neither is there or parses.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (First(response.Headers, "retry-after-ms") is { } ms
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        // Some servers send fractional seconds, which the typed header refuses.
        if (First(response.Headers, "retry-after") is { } raw
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    /// <summary>Parses a Go-style duration (<c>1m30.5s</c>, <c>20ms</c>, <c>6m0s</c>) or plain seconds (<c>1.5</c>).</summary>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            return plain >= 0 ? TimeSpan.FromSeconds(plain) : null;
        }

        var total = 0.0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            double? scale = text[unitStart..i] switch
            {
                "h" => 3600,
                "m" => 60,
                "s" => 1,
                "ms" => 0.001,
                "us" or "µs" => 0.000001,
                "ns" => 0.000000001,
                _ => null,
            };
            if (scale is null)
            {
                return null;
            }

            total += value * scale.Value;
        }

        return TimeSpan.FromSeconds(total);
    }

    private static readonly RateLimitInfo Empty = new(null, null, null, null, null, null);

    private static long? Number(HttpResponseHeaders headers, string name) =>
        First(headers, name) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static TimeSpan? Duration(HttpResponseHeaders headers, string name) => ParseDuration(First(headers, name));

    private static string? First(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
