using Xunit;

namespace Reembed.Testing;

/// <summary>
/// What every <see cref="RecordSource"/> must do. A source kind derives from this: <see cref="CreateStoreAsync"/>
/// stores the given rows as a new store of that kind (a file, a table) and returns a factory of new, unopened
/// sources over it, each composing its text with <see cref="Template"/>; <see cref="CreateMissingSourcesAsync"/>
/// returns sources over stores that do not exist. Where a kind legitimately differs, it says so through a
/// capability property, never by skipping a test.
/// </summary>
public abstract partial class RecordSourceConformanceTests : IAsyncLifetime
{
    /// <summary>The template every source of this suite composes its text with; an empty title and body make an empty text.</summary>
    protected const string TemplateText = "{title}{body}";

    /// <summary>About 340,000 characters, many of them several bytes in UTF-8: longer than any read buffer of the stores.</summary>
    protected static readonly string LongText = string.Concat(Enumerable.Repeat("Long text é 键 😀 ", 20_000));

    /// <summary>
    /// Records with awkward texts (unicode, empty, very long, line breaks, braces) and ids that sort differently
    /// under different orderings or look like one another without being equal.
    /// </summary>
    protected static readonly IReadOnlyList<SourceRow> AwkwardRows =
    [
        new("doc-001", "Plain title", ". A plain body."),
        new("ünï-ключ-键", "Ünïcödé 日本語 ", "emoji 😀👍🏽, e\u0301 combining, שלום"),
        new("empty", "", ""),
        new("long", LongText, " end"),
        new("breaks", "line one\nline two\r\n", "{not a field} }{ \t tab"),
        new("10", "ten", ""),
        new("9", "nine", ""),
        new("010", "zero ten", ""),
        new("a", "lower a", ""),
        new("a ", "a and a trailing space", ""),
        new("A", "upper A", ""),
        new("\u00e9", "e acute, precomposed", ""),
        new("e\u0301", "e acute, decomposed", ""),
        new("😀", "an emoji", ""),
        new("\uff21", "a fullwidth A", ""),
        new("o'brien \"q\" \\ ;--", "quotes and a comment", ""),
        new(" lead", "a leading space", ""),
        new("tab\tid", "a tab", ""),
        new("~", "a tilde", ""),
        new("Z", "upper Z", ""),
    ];

    protected static TextTemplate Template { get; } = TextTemplate.Parse(TemplateText, "source.text");

    /// <summary>
    /// True when the store can hold a record it cannot read (see <see cref="SourceRow.Unreadable"/>); then
    /// <see cref="CreateStoreAsync"/> must store such rows that way.
    /// </summary>
    protected virtual bool CanStoreUnreadable => false;

    /// <summary>
    /// True when the store reports all its unreadable records as one failure record (rows without an id, which have
    /// no key or position of their own); false when each is a record of its own.
    /// </summary>
    protected virtual bool ReportsUnreadableTogether => false;

    /// <summary>True when <see cref="AwkwardRows"/> come in more than one shard (a small shard size, or a store sharded by hand).</summary>
    protected virtual bool SplitsIntoShards => false;

    /// <summary>Strings that must never appear in a description, e.g. a password of the connection string.</summary>
    protected virtual IEnumerable<string> Secrets => [];

    /// <summary>
    /// Stores <paramref name="rows"/> as a new store of this kind, in this order where the store keeps one, and
    /// returns a factory of new, unopened sources over it. Each call makes a store of its own.
    /// </summary>
    protected abstract Task<Func<RecordSource>> CreateStoreAsync(IReadOnlyList<SourceRow> rows);

    /// <summary>Unopened sources over stores that do not exist (a missing file, a missing table), at least one.</summary>
    protected abstract Task<IReadOnlyList<MissingSource>> CreateMissingSourcesAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The text <see cref="Template"/> composes from <paramref name="row"/>, for kinds that hold composed texts.</summary>
    protected static string Compose(SourceRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Assert.True(Template.TryRender(field => field switch { "title" => row.Title, "body" => row.Body, _ => null }, out var text, out _));
        return text;
    }

    protected static async Task<RecordSource> OpenAsync(Func<RecordSource> create)
    {
        var source = create();
        try
        {
            await source.OpenAsync();
            return source;
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    protected async Task<RecordSource> OpenOverAsync(IReadOnlyList<SourceRow> rows) => await OpenAsync(await CreateStoreAsync(rows));

    protected static async Task<List<SourceRecord>> ReadShardAsync(
        RecordSource source, ShardInfo shard, string? afterCursor, CancellationToken cancellationToken = default)
    {
        var records = new List<SourceRecord>();
        await foreach (var record in source.ReadAsync(shard, afterCursor, cancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Every shard with its records, read from the start.</summary>
    protected static async Task<List<(ShardInfo Shard, List<SourceRecord> Records)>> ReadShardsAsync(RecordSource source)
    {
        var shards = new List<(ShardInfo, List<SourceRecord>)>();
        foreach (var shard in await source.GetShardsAsync())
        {
            shards.Add((shard, await ReadShardAsync(source, shard, null)));
        }

        return shards;
    }

    protected static async Task<List<SourceRecord>> ReadKeysAsync(RecordSource source, IEnumerable<string> keys)
    {
        var records = new List<SourceRecord>();
        await foreach (var record in source.ReadKeysAsync(new HashSet<string>(keys, StringComparer.Ordinal)))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>What a read record says, to compare reads as sequences.</summary>
    protected static (string Key, string Cursor, string? Text, bool Failed) Seen(SourceRecord record) =>
        (record.Key, record.Cursor, record.Text, record.Failure is not null);

    /// <summary>Key and text, ordinal order: what a set of rows should read as, whatever order the store reads in.</summary>
    protected static List<(string Key, string? Text)> KeysAndTexts(IEnumerable<SourceRecord> records) =>
        [.. records.Select(r => (r.Key, r.Text)).OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Text, StringComparer.Ordinal)];

    protected static List<(string Key, string? Text)> KeysAndTexts(IEnumerable<SourceRow> rows) =>
        [.. rows.Select(r => (Key: r.Id, Text: (string?)r.Text)).OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Text, StringComparer.Ordinal)];
}
