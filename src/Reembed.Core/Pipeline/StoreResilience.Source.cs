using System.Runtime.CompilerServices;
using Polly;

namespace Reembed;

internal sealed partial class StoreResilience
{
    /// <summary>
    /// Reads a shard so that a transient fault of the source costs a pause, not the job: each record is
    /// fetched through the pipeline, and an attempt after a fault reads again after the cursor of the last
    /// record handed on, which the source's own resume contract makes exact. Each stall gets all the
    /// attempts; handing a record on resets them. A fault that persists stops the job, which stays resumable.
    /// </summary>
    public async IAsyncEnumerable<SourceRecord> ReadAsync(
        RecordSource source, ShardInfo shard, string? afterCursor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = new ShardReader(source, shard, afterCursor);
        try
        {
            while (await MoveNextAsync(reader, cancellationToken))
            {
                yield return reader.Current;
            }
        }
        finally
        {
            await reader.CloseAsync();
        }
    }

    /// <summary>
    /// A read goes straight to the source; only a transient fault enters the pipeline, which takes that fault as its
    /// first attempt, so the attempts and waits are the pipeline's, and a record read costs no pipeline call.
    /// </summary>
    private async ValueTask<bool> MoveNextAsync(ShardReader reader, CancellationToken cancellationToken)
    {
        ReembedException fault;
        try
        {
            return await reader.MoveNextAsync(cancellationToken);
        }
        catch (ReembedException ex) when (ex.IsTransient)
        {
            fault = ex;
        }

        var context = ResilienceContextPool.Shared.Get("read", cancellationToken);
        context.Properties.Set(ReaderKey, reader);
        try
        {
            var first = true;
            return await _pipeline.ExecuteAsync(async (context, reader) =>
            {
                if (first)
                {
                    first = false;
                    throw fault;
                }

                return await reader.MoveNextAsync(context.CancellationToken);
            }, context, reader);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One read of a shard at a time; a failed read is closed, and the next one starts after <see cref="Cursor"/>.</summary>
    private sealed class ShardReader(RecordSource source, ShardInfo shard, string? afterCursor)
    {
        private IAsyncEnumerator<SourceRecord>? _enumerator;

        /// <summary>The cursor of the last record handed on: a new read starts after it.</summary>
        public string? Cursor { get; private set; } = afterCursor;

        public SourceRecord Current => _enumerator!.Current;

        public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
        {
            _enumerator ??= source.ReadAsync(shard, Cursor, cancellationToken).GetAsyncEnumerator(cancellationToken);
            bool moved;
            try
            {
                moved = await _enumerator.MoveNextAsync();
            }
            catch
            {
                await CloseAsync();
                throw;
            }

            if (moved)
            {
                Cursor = _enumerator.Current.Cursor;
            }

            return moved;
        }

        public async ValueTask CloseAsync()
        {
            var enumerator = _enumerator;
            _enumerator = null;
            if (enumerator is not null)
            {
                await enumerator.DisposeAsync();
            }
        }
    }
}
