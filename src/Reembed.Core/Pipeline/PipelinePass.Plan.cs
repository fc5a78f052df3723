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
            items[i] = Compose(chunk[i]);
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
                Finish(item);
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

    private static PlannedItem Compose(SourceRecord record)
    {
        if (record.Failure is not null || record.Text is null)
        {
            return new PlannedItem
            {
                Key = record.Key,
                Locator = record.Locator,
                Disposition = Disposition.Fail,
                Failure = record.Failure ?? new ItemFailure(ItemFailure.Stages.Compose, "no-text", "the source gave no text"),
            };
        }

        return string.IsNullOrWhiteSpace(record.Text)
            ? new PlannedItem { Key = record.Key, Locator = record.Locator, Disposition = Disposition.SkipEmpty }
            : new PlannedItem { Key = record.Key, Locator = record.Locator, Text = record.Text, Disposition = Disposition.Embed };
    }

    /// <summary>Hashes the text to embed and applies the per-input token cap.</summary>
    private void Finish(PlannedItem item)
    {
        // The hash is of the text before any truncation: it identifies the record's content, and must
        // not move when the token estimate is recalibrated.
        var text = item.Text!;
        item.ContentHash = ContentHash.Compute(text);
        var tokens = _context.Options.Tokens;
        var estimate = tokens.Estimate(text);
        if (_context.Options.MaxInputTokens is { } cap && estimate > cap)
        {
            if (_context.Options.Oversize == OversizePolicy.Fail)
            {
                item.Disposition = Disposition.Fail;
                item.Failure = new ItemFailure(ItemFailure.Stages.Embed, "oversize",
                    $"text of {text.Length:N0} characters is about {estimate:N0} tokens, over embedder.maxInputTokens = {cap:N0} (oversize: fail)");
                return;
            }

            text = Truncate(text, tokens.CharsFor(cap));
            estimate = tokens.Estimate(text);
        }

        item.Text = text;
        item.Tokens = estimate;
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
        await _context.Sink.LookupAsync(lookupKeys, existing, cancellationToken);
        foreach (var item in items)
        {
            if (item.Disposition == Disposition.Embed && existing.TryGetValue(item.Key, out var storedHash)
                && (mode == ReembedMode.Missing || storedHash == item.ContentHash))
            {
                item.Disposition = Disposition.SkipUnchanged;
            }
        }
    }

    /// <summary>The first <paramref name="chars"/> characters, cut back to a word boundary when one is near, never inside a surrogate pair.</summary>
    internal static string Truncate(string text, int chars)
    {
        if (text.Length <= chars)
        {
            return text;
        }

        var end = chars;
        var space = text.LastIndexOfAny([' ', '\n', '\t'], end - 1, Math.Min(end, 64));
        if (space > 0)
        {
            end = space;
        }
        else if (char.IsLowSurrogate(text[end]) && end > 0)
        {
            end--;
        }

        return text[..end];
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
