using System.Threading.Channels;

namespace Reembed;

internal sealed partial class PipelinePass
{
    private long _lastCommitTimestamp;
    private bool _abandoned;

    /// <summary>
    /// Writes and commits batches strictly in sequence: a batch that finished embedding early waits
    /// for its predecessors. Writing in source order makes a redo after a crash, and records that
    /// share an id, end the same way every time (the later record wins).
    /// </summary>
    private async Task WriteLoopAsync(ChannelReader<WorkBatch> toWrite, CancellationToken cancellationToken)
    {
        _lastCommitTimestamp = _context.Time.GetTimestamp();
        var pending = new SortedDictionary<long, WorkBatch>();
        long next = 0;
        var ready = new List<WorkBatch>();
        while (await toWrite.WaitToReadAsync(cancellationToken))
        {
            while (toWrite.TryRead(out var batch))
            {
                pending.Add(batch.Sequence, batch);
            }

            var released = 0;
            while (pending.Remove(next, out var batch))
            {
                // After an abandoned batch nothing may commit: the watermark cannot pass over a gap.
                _abandoned |= batch.Abandoned;
                if (_abandoned)
                {
                    released++;
                }
                else
                {
                    ready.Add(batch);
                }

                next++;
            }

            if (ready.Count > 0)
            {
                await CommitAsync(ready, cancellationToken);
                released += ready.Count;
                ready.Clear();
            }

            if (released > 0)
            {
                _window.Release(released);
            }
        }
    }

    private async Task CommitAsync(List<WorkBatch> batches, CancellationToken cancellationToken)
    {
        var records = new List<VectorRecord>();
        var failures = new List<ItemFailureEntry>();
        var resolved = new List<string>();
        long processed = 0, embedded = 0, skipped = 0, cached = 0;
        foreach (var item in batches.SelectMany(static batch => batch.Items))
        {
            processed++;
            switch (item.Disposition)
            {
                case Disposition.Embed:
                    records.Add(new VectorRecord(item.Key, item.Vector, item.ContentHash!));
                    if (item.Cached)
                    {
                        cached++;
                    }
                    else
                    {
                        embedded++;
                    }

                    break;
                case Disposition.SkipEmpty or Disposition.SkipUnchanged:
                    skipped++;
                    break;
                default:
                    failures.Add(new ItemFailureEntry(item.Key, item.Locator, item.Failure!));
                    continue;
            }

            if (_retry)
            {
                resolved.Add(item.Key);
            }
        }

        var sinkToken = records.Count > 0
            ? await _context.Resilience.RunAsync(token => _context.Sink.WriteAsync(records, token), "write", cancellationToken)
            : null;

        // A retry pass re-processes ledger items that were already counted: successes move from
        // failed to embedded or skipped, and repeated failures change no count.
        var delta = _retry
            ? new JobCounters(0, embedded, skipped, cached, -resolved.Count)
            : new JobCounters(processed, embedded, skipped, cached, failures.Count);
        var now = _context.Time.GetTimestamp();
        var checkpoint = new Checkpoint
        {
            ShardId = _shardId,
            Cursor = batches[^1].LastCursor,
            SinkToken = sinkToken,
            Delta = delta,
            Failures = failures,
            Resolved = resolved,
            ActiveSecondsDelta = _context.Time.GetElapsedTime(_lastCommitTimestamp, now).TotalSeconds,
        };
        _lastCommitTimestamp = now;

        // Once the sink has acknowledged, the commit must happen even if a stop was asked for.
        var cancelRequested = await _context.State.CommitAsync(_context.JobId, checkpoint, CancellationToken.None);
        Committed = Committed.Add(delta);
        _context.Progress.Add(delta);
        Log.Committed(_context.Logger, batches[^1].Sequence, _shardId, checkpoint.Cursor, embedded, skipped, failures.Count);
        if (cancelRequested && !_context.Stop.IsCancellationRequested)
        {
            Log.Stopping(_context.Logger);
            await _context.Stop.CancelAsync();
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
