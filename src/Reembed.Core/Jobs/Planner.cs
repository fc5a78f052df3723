using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Reembed;

/// <summary>The dry run behind <c>plan</c>: reads every record and asks the target what it holds, writing nothing.</summary>
internal static class Planner
{
    private const int FailuresKept = 10;
    private const int SampleSize = 256;
    private const int Chunk = 512;

    /// <param name="sampler">When given, a sample of texts is embedded with it to time the embedder.</param>
    /// <param name="tokens">The run's token estimate, so that the plan counts tokens as the run will batch them.</param>
    public static async Task<PlanReport> PlanAsync(
        RecordSource source, VectorSink sink, EmbeddingSpace space,
        IEmbeddingGenerator<string, Embedding<float>>? sampler, TokenCalibrator tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sink);
        await source.OpenAsync(cancellationToken);
        var report = new PlanReport { TargetExists = await sink.OpenForLookupAsync(space, cancellationToken) };
        var sample = new List<string>(SampleSize);
        var chunk = new List<(string Key, string Hash, long Tokens)>(Chunk);
        foreach (var shard in await source.GetShardsAsync(cancellationToken))
        {
            await foreach (var record in source.ReadAsync(shard, null, cancellationToken))
            {
                report.Records++;
                if (record.Failure is not null || record.Text is null)
                {
                    report.Failed++;
                    if (report.FirstFailures.Count < FailuresKept)
                    {
                        report.FirstFailures.Add(new ItemFailureEntry(record.Key, record.Locator,
                            record.Failure ?? new ItemFailure(ItemFailure.Stages.Compose, "no-text", "the source gave no text")));
                    }
                }
                else if (string.IsNullOrWhiteSpace(record.Text))
                {
                    report.Empty++;
                }
                else
                {
                    if (sample.Count < SampleSize)
                    {
                        sample.Add(record.Text);
                    }

                    chunk.Add((record.Key, ContentHash.Compute(record.Text), tokens.Estimate(record.Text)));
                    if (chunk.Count == Chunk)
                    {
                        await ClassifyAsync(chunk, sink, report, cancellationToken);
                    }
                }
            }
        }

        await ClassifyAsync(chunk, sink, report, cancellationToken);
        if (sampler is not null && sample.Count > 0)
        {
            var watch = Stopwatch.StartNew();
            await sampler.GenerateAsync(sample, cancellationToken: cancellationToken);
            report.SecondsPerRecord = watch.Elapsed.TotalSeconds / sample.Count;
        }

        return report;
    }

    private static async Task ClassifyAsync(
        List<(string Key, string Hash, long Tokens)> chunk, VectorSink sink, PlanReport report, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (report.TargetExists && chunk.Count > 0)
        {
            await sink.LookupAsync(chunk.Select(static item => item.Key).ToList(), found, cancellationToken);
        }

        foreach (var (key, hash, tokens) in chunk)
        {
            if (!found.TryGetValue(key, out var stored))
            {
                report.Missing++;
                report.MissingTokens += tokens;
            }
            else if (stored != hash)
            {
                report.Changed++;
                report.ChangedTokens += tokens;
            }
            else
            {
                report.Unchanged++;
                report.UnchangedTokens += tokens;
            }
        }

        chunk.Clear();
    }
}
