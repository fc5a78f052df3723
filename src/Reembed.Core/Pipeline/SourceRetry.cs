using System.Runtime.CompilerServices;

namespace Reembed;

/// <summary>
/// Reads a shard so that a transient fault of the source (a dropped connection, a server restarting) costs
/// a pause, not the job: the read starts again after the cursor of the last record handed on, which the
/// source's own resume contract makes exact. Each stall gets the attempts of <see cref="StoreRetry.Delays"/>;
/// progress resets them. A fault that persists stops the job, which stays resumable.
/// </summary>
internal static class SourceRetry
{
    public static async IAsyncEnumerable<SourceRecord> ReadAsync(
        RecordSource source, ShardInfo shard, string? afterCursor, PassContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cursor = afterCursor;
        var attempt = 0;
        while (true)
        {
            var enumerator = source.ReadAsync(shard, cursor, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    ReembedException? fault = null;
                    bool moved;
                    try
                    {
                        moved = await enumerator.MoveNextAsync();
                    }
                    catch (ReembedException ex) when (ex.IsTransient && attempt < StoreRetry.Delays.Length)
                    {
                        fault = ex;
                        moved = false;
                    }

                    if (fault is not null)
                    {
                        Log.SourceRetrying(context.Logger, cursor, attempt + 1, StoreRetry.Delays[attempt].TotalSeconds, fault.Message);
                        await Task.Delay(StoreRetry.Delays[attempt], context.Time, cancellationToken);
                        attempt++;
                        break;
                    }

                    if (!moved)
                    {
                        yield break;
                    }

                    var record = enumerator.Current;
                    cursor = record.Cursor;
                    attempt = 0;
                    yield return record;
                }
            }
            finally
            {
                await enumerator.DisposeAsync();
            }
        }
    }
}
