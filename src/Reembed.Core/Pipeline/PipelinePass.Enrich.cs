using Reembed.Enrichment;

namespace Reembed;

internal sealed partial class PipelinePass
{
    /// <summary>
    /// Rewrites the text of every record still to embed, concurrently. A record the chat model rejects
    /// goes to the failures ledger; transient faults were already retried below; a fatal one stops the job.
    /// </summary>
    private async Task EnrichAsync(TextEnricher enricher, PlannedItem[] items, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = _context.Options.MaxConcurrency,
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(items.Where(static item => item.Disposition == Disposition.Embed), options, async (item, token) =>
        {
            try
            {
                item.Text = await enricher.EnrichAsync(item.Text!, token);
            }
            catch (ReembedException ex) when (ex.Kind == ErrorKind.Item)
            {
                Fail(item, new ItemFailure(ItemFailure.Stages.Compose, ex.ErrorClass ?? "enrich-rejected", ex.Message));
            }
        });
    }
}
