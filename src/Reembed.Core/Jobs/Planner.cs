using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Reembed;

/// <summary>
/// The dry run behind <c>plan</c>: reads every record, composes it with the run's <see cref="TextComposer"/>
/// (the same input cap, oversize policy, token estimate and content hash) and asks the target what it holds,
/// writing nothing.
/// </summary>
internal static class Planner
{
    private const int FailuresKept = 10;
    private const int SampleSize = 256;

    /// <param name="sampler">When given, a sample of texts, as composed, is embedded with it to time the embedder.</param>
    /// <param name="options">The run's settings: its token estimate, input cap, oversize policy and lookup chunk.</param>
    /// <param name="enriched">
    /// The run rewrites texts with a chat model (the config has <c>enrich</c>). The plan never calls it;
    /// see <see cref="PlanReport.TokensBeforeEnrichment"/> for what it counts instead.
    /// </param>
    public static async Task<PlanReport> PlanAsync(
        RecordSource source, VectorSink sink, EmbeddingSpace space,
        IEmbeddingGenerator<string, Embedding<float>>? sampler, PipelineOptions options, bool enriched,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var composer = new TextComposer(options);
        await source.OpenAsync(cancellationToken);
        var report = new PlanReport
        {
            TargetExists = await sink.OpenForLookupAsync(space, cancellationToken),
            TokensBeforeEnrichment = enriched,
        };
        var sample = new List<string>(SampleSize);
        var chunk = new List<PlannedItem>(options.LookupChunk);
        foreach (var shard in await source.GetShardsAsync(cancellationToken))
        {
            await foreach (var record in source.ReadAsync(shard, null, cancellationToken))
            {
                report.Records++;
                var item = TextComposer.Compose(record);
                if (item.Disposition == Disposition.Embed)
                {
                    composer.Finish(item);
                }

                switch (item.Disposition)
                {
                    case Disposition.Fail:
                        report.Failed++;
                        if (report.FirstFailures.Count < FailuresKept)
                        {
                            report.FirstFailures.Add(new ItemFailureEntry(item.Key, item.Locator, item.Failure!));
                        }

                        break;
                    case Disposition.SkipEmpty:
                        report.Empty++;
                        break;
                    case Disposition.Embed:
                        if (sample.Count < SampleSize)
                        {
                            sample.Add(item.Text!);
                        }

                        chunk.Add(item);
                        if (chunk.Count == options.LookupChunk)
                        {
                            await ClassifyAsync(chunk, sink, report, cancellationToken);
                        }

                        break;
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

    private static async Task ClassifyAsync(List<PlannedItem> chunk, VectorSink sink, PlanReport report, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (report.TargetExists && chunk.Count > 0)
        {
            await sink.LookupAsync(chunk.Select(static item => item.Key).ToList(), found, cancellationToken);
        }

        foreach (var item in chunk)
        {
            if (!found.TryGetValue(item.Key, out var stored))
            {
                report.Missing++;
                report.MissingTokens += item.Tokens;
            }
            else if (report.TokensBeforeEnrichment || stored != item.ContentHash)
            {
                // With enrichment the stored hash is of a rewritten text: only the chat model could say whether it moved.
                report.Changed++;
                report.ChangedTokens += item.Tokens;
            }
            else
            {
                report.Unchanged++;
                report.UnchangedTokens += item.Tokens;
            }
        }

        chunk.Clear();
    }
}
