using System.Runtime.CompilerServices;

namespace Reembed;

/// <summary>
/// Streams the records of a store, shard by shard, in a stable order. An abstract class rather
/// than an interface so that members can be added without breaking providers.
/// </summary>
public abstract class RecordSource : IAsyncDisposable
{
    /// <summary>Where the records come from, for messages and status (no secrets).</summary>
    public abstract string Description { get; }

    /// <summary>Checks that the source can be read (file exists, table and columns exist).</summary>
    /// <exception cref="ReembedException">With <see cref="ErrorKind.Config"/> naming the path or key at fault.</exception>
    public abstract ValueTask OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>The shards of this source; a file is one shard.</summary>
    public abstract ValueTask<IReadOnlyList<ShardInfo>> GetShardsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads one shard in order, starting after <paramref name="afterCursor"/> (from its start when null).
    /// Unreadable records are yielded with a <see cref="SourceRecord.Failure"/>, never thrown.
    /// </summary>
    public abstract IAsyncEnumerable<SourceRecord> ReadAsync(
        ShardInfo shard, string? afterCursor, CancellationToken cancellationToken = default);

    /// <summary>The number of records, when it can be had cheaply; null otherwise.</summary>
    public virtual ValueTask<long?> CountAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<long?>(null);

    /// <summary>
    /// Reads exactly the records whose <see cref="SourceRecord.Key"/> is in <paramref name="keys"/>.
    /// The default scans every shard; keyed stores override it with lookups.
    /// </summary>
    public virtual async IAsyncEnumerable<SourceRecord> ReadKeysAsync(
        IReadOnlySet<string> keys, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var shard in await GetShardsAsync(cancellationToken))
        {
            await foreach (var record in ReadAsync(shard, null, cancellationToken))
            {
                if (keys.Contains(record.Key))
                {
                    yield return record;
                }
            }
        }
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
