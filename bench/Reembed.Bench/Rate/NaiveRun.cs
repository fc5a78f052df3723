using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Reembed.Bench.Rate;

/// <summary>
/// The in-house tools' way: one request at a time, a fixed batch of 25, and on any failure a fixed 1 s
/// sleep and a retry, at most 3, after which the batch is skipped.
/// </summary>
internal static class NaiveRun
{
    private const string ApiKey = "sk-bench-naive-0123456789";
    private const int BatchSize = 25;
    private const int MaxRetries = 3;
    private static readonly TimeSpan RetrySleep = TimeSpan.FromSeconds(1);

    public static async Task<RateMeasure> RunAsync(RateScenario scenario, RateSettings settings, int seed, IReadOnlyList<string> texts)
    {
        await using var server = await scenario.StartServerAsync(seed, ApiKey);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        var endpoint = new Uri(server.OpenAiBaseUrl + "/embeddings");
        var start = CounterSnapshot.Take(server);
        using var stop = new CancellationTokenSource();
        var loop = LoopAsync(http, endpoint, texts, stop.Token);
        var (window, end) = await RateWindow.WatchAsync(server, start.At, settings);
        await stop.CancelAsync();
        var skipped = await loop;
        return RateMeasure.From(server, start, window, end, skipped);
    }

    /// <summary>Embeds batch after batch until stopped; returns the number of records skipped.</summary>
    private static async Task<long> LoopAsync(HttpClient http, Uri endpoint, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        long skipped = 0;
        try
        {
            foreach (var batch in texts.Chunk(BatchSize))
            {
                if (!await PostWithRetriesAsync(http, endpoint, batch, cancellationToken))
                {
                    skipped += batch.Length;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped at the end of the run, like the CLI's Ctrl-C.
        }

        return skipped;
    }

    private static async Task<bool> PostWithRetriesAsync(HttpClient http, Uri endpoint, string[] batch, CancellationToken cancellationToken)
    {
        var body = new { model = "text-embedding-3-small", input = batch, dimensions = RateScenario.Dimensions };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await http.PostAsJsonAsync(endpoint, body, cancellationToken);
                // The body is read, as a client that stores the vectors must.
                var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK && answer.Length > 0)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // A refused connection or a client timeout is treated like any other failure: sleep and retry.
            }

            if (attempt == MaxRetries)
            {
                return false;
            }

            await Task.Delay(RetrySleep, cancellationToken);
        }
    }
}
