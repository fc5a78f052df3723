using Reembed.Testing;

namespace Reembed.Tests;

/// <summary>The one-shard list the pipeline tests read from must behave like the real sources.</summary>
public sealed class ListSourceConformanceTests : RecordSourceConformanceTests
{
    protected override bool CanStoreUnreadable => true;

    protected override Task<Func<RecordSource>> CreateStoreAsync(IReadOnlyList<SourceRow> rows)
    {
        var items = rows.Select(r => (r.Id, r.Unreadable ? null : Compose(r))).ToList();
        return Task.FromResult<Func<RecordSource>>(() => new ListSource(items));
    }

    // A list is never missing; the fake is told to fail its open the way a source over a missing file does.
    protected override Task<IReadOnlyList<MissingSource>> CreateMissingSourcesAsync() =>
        Task.FromResult<IReadOnlyList<MissingSource>>(
        [
            new(new ListSource([]) { OnOpen = () => throw ReembedException.Config("source.path", "file not found: /absent/list.jsonl") }, "source.path", "/absent/list.jsonl"),
        ]);
}
