using System.Globalization;
using System.Runtime.CompilerServices;

namespace Reembed.Testing;

/// <summary>A one-shard source over a list; the cursor is the 1-based index, like a file's line number.</summary>
public sealed class ListSource : RecordSource
{
    private readonly IReadOnlyList<SourceRecord> _records;

    public ListSource(IEnumerable<(string Key, string? Text)> records) =>
        _records = records.Select((r, i) => new SourceRecord
        {
            Key = r.Key,
            Cursor = (i + 1).ToString(CultureInfo.InvariantCulture),
            Text = r.Text,
            Locator = $"item {i + 1}",
            Failure = r.Text is null ? new ItemFailure(ItemFailure.Stages.Read, "unreadable", $"item {i + 1} is unreadable") : null,
        }).ToList();

    public override string Description => "list";

    /// <summary>Called by <see cref="OpenAsync"/>; throw from it to stand for a store that is missing or unreadable.</summary>
    public Action? OnOpen { get; set; }

    public override ValueTask OpenAsync(CancellationToken cancellationToken = default)
    {
        OnOpen?.Invoke();
        return ValueTask.CompletedTask;
    }

    public override ValueTask<IReadOnlyList<ShardInfo>> GetShardsAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<ShardInfo>>([new ShardInfo("0", "list")]);

    public override ValueTask<long?> CountAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<long?>(_records.Count);

    public override async IAsyncEnumerable<SourceRecord> ReadAsync(
        ShardInfo shard, string? afterCursor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var start = afterCursor is null ? 0 : int.Parse(afterCursor, CultureInfo.InvariantCulture);
        for (var i = start; i < _records.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return _records[i];
        }
    }
}
