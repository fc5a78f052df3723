using System.Globalization;
using System.Runtime.CompilerServices;

namespace Reembed.Testing.Verification;

/// <summary>
/// A source of several shards over in-memory records (a null text makes a record with a read failure);
/// counts <see cref="ReadKeysAsync"/> calls and the keys asked for.
/// </summary>
public sealed class ShardedListSource : RecordSource
{
    private readonly IReadOnlyList<IReadOnlyList<SourceRecord>> _shards;

    public ShardedListSource(params IEnumerable<(string Key, string? Text)>[] shards) =>
        _shards = [.. shards.Select(shard => (IReadOnlyList<SourceRecord>)[.. shard.Select((r, i) => Record(r.Key, r.Text, i))])];

    public override string Description => "sharded list";

    public int KeyLookups { get; private set; }

    public List<string> KeysAskedFor { get; } = [];

    /// <summary>Called by <see cref="OpenAsync"/>; throw from it to stand for a store that is missing or unreadable.</summary>
    public Action? OnOpen { get; set; }

    public override ValueTask OpenAsync(CancellationToken cancellationToken = default)
    {
        OnOpen?.Invoke();
        return ValueTask.CompletedTask;
    }

    public override ValueTask<IReadOnlyList<ShardInfo>> GetShardsAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<ShardInfo>>(
            [.. _shards.Select((_, i) => new ShardInfo(i.ToString(CultureInfo.InvariantCulture), $"shard {i}"))]);

    public override async IAsyncEnumerable<SourceRecord> ReadAsync(
        ShardInfo shard, string? afterCursor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var records = _shards[int.Parse(shard.Id, CultureInfo.InvariantCulture)];
        var start = afterCursor is null ? 0 : int.Parse(afterCursor, CultureInfo.InvariantCulture);
        for (var i = start; i < records.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return records[i];
        }
    }

    public override IAsyncEnumerable<SourceRecord> ReadKeysAsync(IReadOnlySet<string> keys, CancellationToken cancellationToken = default)
    {
        KeyLookups++;
        KeysAskedFor.AddRange(keys);
        return base.ReadKeysAsync(keys, cancellationToken);
    }

    private static SourceRecord Record(string key, string? text, int index) => new()
    {
        Key = key,
        Cursor = (index + 1).ToString(CultureInfo.InvariantCulture),
        Text = text,
        Locator = $"item {index + 1}",
        Failure = text is null ? new ItemFailure(ItemFailure.Stages.Read, "unreadable", $"item {index + 1} is unreadable") : null,
    };
}
