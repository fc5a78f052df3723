using System.Threading.Channels;

namespace Reembed;

internal sealed partial class PipelinePass
{
    // Batches of skipped records cost nothing to embed; the cap keeps each commit small.
    private const int MaxItemsPerBatch = 2048;

    private long _nextSequence;
    private WorkBatch? _open;

    private async Task ReadAndPlanAsync(
        IAsyncEnumerable<SourceRecord> records, ChannelWriter<WorkBatch> toEmbed, CancellationToken cancellationToken)
    {
        var stop = _context.Stop.Token;
        try
        {
            var chunk = new List<SourceRecord>(_context.Options.LookupChunk);
            await foreach (var record in records.WithCancellation(cancellationToken))
            {
                chunk.Add(record);
                if (chunk.Count == chunk.Capacity)
                {
                    await PlanChunkAsync(chunk, toEmbed, cancellationToken);
                    chunk.Clear();
                }

                if (stop.IsCancellationRequested)
                {
                    // The open batch is dropped, not emitted: its records were never committed,
                    // so a resume reads them again.
                    return;
                }
            }

            await PlanChunkAsync(chunk, toEmbed, cancellationToken);
            if (_open is not null)
            {
                await EmitAsync(toEmbed, cancellationToken);
            }

            Finished = !stop.IsCancellationRequested;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Stopped while waiting for room in the window: what is in flight still completes.
        }
        finally
        {
            toEmbed.TryComplete();
        }
    }

    private async Task PlanChunkAsync(List<SourceRecord> chunk, ChannelWriter<WorkBatch> toEmbed, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return;
        }

        var items = new PlannedItem[chunk.Count];
        for (var i = 0; i < chunk.Count; i++)
        {
            items[i] = TextComposer.Compose(chunk[i]);
        }

        // With enrichment, 'missing' asks the target first: a record that has a vector costs no chat call.
        var enricher = _context.Enricher;
        var lookupFirst = enricher is not null && _context.Options.Mode == ReembedMode.Missing;
        if (lookupFirst)
        {
            await SkipExistingAsync(items, cancellationToken);
        }

        if (enricher is not null)
        {
            await EnrichAsync(enricher, items, cancellationToken);
        }

        foreach (var item in items)
        {
            if (item.Disposition == Disposition.Embed)
            {
                _composer.Finish(item);
            }
        }

        if (!lookupFirst)
        {
            await SkipExistingAsync(items, cancellationToken);
        }

        for (var i = 0; i < items.Length; i++)
        {
            await AddAsync(items[i], chunk[i].Cursor, toEmbed, cancellationToken);
        }
    }

    /// <summary>Marks records the target already holds (any vector in 'missing' mode, the same hash in 'changed') as skipped.</summary>
    private async Task SkipExistingAsync(PlannedItem[] items, CancellationToken cancellationToken)
    {
        var mode = _context.Options.Mode;
        if (_retry || mode == ReembedMode.All)
        {
            return;
        }

        var lookupKeys = items.Where(static item => item.Disposition == Disposition.Embed).Select(static item => item.Key).ToList();
        if (lookupKeys.Count == 0)
        {
            return;
        }

        var existing = new Dictionary<string, string>(lookupKeys.Count, StringComparer.Ordinal);
        await _context.Resilience.RunAsync(token => _context.Sink.LookupAsync(lookupKeys, existing, token), "lookup", cancellationToken);
        foreach (var item in items)
        {
            if (item.Disposition == Disposition.Embed && existing.TryGetValue(item.Key, out var storedHash)
                && (mode == ReembedMode.Missing || storedHash == item.ContentHash))
            {
                item.Disposition = Disposition.SkipUnchanged;
            }
        }
    }

    private async Task AddAsync(PlannedItem item, string cursor, ChannelWriter<WorkBatch> toEmbed, CancellationToken cancellationToken)
    {
        var options = _context.Options;
        var tokens = item.Disposition == Disposition.Embed ? item.Tokens : 0;
        if (_open is not null && tokens > 0 && _open.EmbedCount > 0 && _open.EstimatedTokens + tokens > options.MaxTokens)
        {
            await EmitAsync(toEmbed, cancellationToken);
        }

        _open ??= new WorkBatch { Sequence = _nextSequence++ };
        _open.Items.Add(item);
        if (!_retry)
        {
            _open.LastCursor = cursor;
        }

        if (tokens > 0)
        {
            _open.EmbedCount++;
            _open.EstimatedTokens += tokens;
        }

        if (_open.EmbedCount >= options.MaxItems || _open.Items.Count >= MaxItemsPerBatch)
        {
            await EmitAsync(toEmbed, cancellationToken);
        }
    }

    private async Task EmitAsync(ChannelWriter<WorkBatch> toEmbed, CancellationToken cancellationToken)
    {
        var batch = _open!;
        _open = null;
        using var waitCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _context.Stop.Token);
        await _window.WaitAsync(waitCancel.Token);
        await toEmbed.WriteAsync(batch, cancellationToken);
    }
}
