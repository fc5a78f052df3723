using Reembed.Testing;
using Reembed.Testing.Verification;

namespace Reembed.Tests;

/// <summary>The sharded list the verification tests read from must behave like the real sources; it splits the rows into three shards.</summary>
public sealed class ShardedListSourceConformanceTests : RecordSourceConformanceTests
{
    private const int Shards = 3;

    protected override bool CanStoreUnreadable => true;

    protected override bool SplitsIntoShards => true;

    protected override Task<Func<RecordSource>> CreateStoreAsync(IReadOnlyList<SourceRow> rows)
    {
        var items = rows.Select(r => (r.Id, r.Unreadable ? null : Compose(r))).ToList();
        var size = (items.Count + Shards - 1) / Shards;
        var shards = Enumerable.Range(0, Shards).Select(s => items.Skip(s * size).Take(size).ToList()).ToArray();
        return Task.FromResult<Func<RecordSource>>(() => new ShardedListSource(shards));
    }

    protected override Task<IReadOnlyList<MissingSource>> CreateMissingSourcesAsync() =>
        Task.FromResult<IReadOnlyList<MissingSource>>(
        [
            new(new ShardedListSource() { OnOpen = () => throw ReembedException.Config("source.table", "no table or view named 'absent'") }, "source.table", "absent"),
        ]);
}
