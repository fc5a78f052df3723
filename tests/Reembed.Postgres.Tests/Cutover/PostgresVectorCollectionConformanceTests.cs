using Reembed.Testing;

namespace Reembed.Postgres.Tests;

/// <summary>
/// Postgres collections in each shape and vector type, against <see cref="VectorCollectionConformanceTests"/>. Each
/// test gets a schema of its own; the vectors are written by the sink (INSERT, which PGlite can run), an in-place
/// target's source table holding a row for every key, with or without a vector.
/// </summary>
public abstract class PostgresVectorCollectionConformanceTests : VectorCollectionConformanceTests
{
    private PgScratch? _scratch;

    protected abstract PostgresTargetShape Shape { get; }

    protected abstract PostgresVectorType VectorType { get; }

    protected virtual bool OnPgvector => false;

    protected override bool HoldsRowsWithoutVector => Shape == PostgresTargetShape.InPlace;

    protected override bool SearchesByItself => VectorType != PostgresVectorType.RealArray;

    // The test servers' passwords are also their user and database names, which a description names: look for the
    // connection string and its password key instead.
    protected override IEnumerable<string> Secrets => [Scratch.ConnectionString, "Password=", "password="];

    /// <summary>The qualified table of this test: the source table in place, the live table of a shadow shape.</summary>
    protected string Table => Scratch.Qualify(Shape == PostgresTargetShape.InPlace ? "docs" : "vecs");

    /// <summary>The column (in place) or table (shadow shape) the sink writes; the target's own by default.</summary>
    protected virtual string WrittenName => Shape == PostgresTargetShape.InPlace ? "embedding" : Table;

    private PgScratch Scratch => _scratch ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public override async Task InitializeAsync() => _scratch = await PgScratch.CreateAsync(OnPgvector);

    public override async Task DisposeAsync()
    {
        if (_scratch is not null)
        {
            await _scratch.DisposeAsync();
        }
    }

    /// <summary>The target's options; in place, <paramref name="vectorColumn"/> is the column of the source table.</summary>
    protected PostgresSinkOptions Options(string? table = null, string vectorColumn = "embedding") => new()
    {
        ConnectionString = Scratch.ConnectionString,
        Table = table ?? Table,
        Shape = Shape,
        VectorType = VectorType,
        VectorColumn = vectorColumn,
        LoadPath = PostgresLoadPath.Insert,
    };

    protected override async Task StoreAsync(IReadOnlyList<CollectionRow> rows)
    {
        if (Shape == PostgresTargetShape.InPlace)
        {
            await Scratch.ExecuteAsync($"CREATE TABLE {Table} (id text PRIMARY KEY, body text NOT NULL)");
            await Scratch.ExecuteAsync(
                $"INSERT INTO {Table} SELECT k, 'body of ' || k FROM unnest(@keys::text[]) AS k",
                ("keys", rows.Select(r => r.Key).Distinct(StringComparer.Ordinal).ToArray()));
        }

        var options = Shape == PostgresTargetShape.InPlace ? Options(vectorColumn: WrittenName) : Options(table: WrittenName);
        await using var sink = PostgresStores.CreateSink(options);
        await sink.OpenAsync(Space, resumeToken: null);
        foreach (var batch in Batches(rows))
        {
            await sink.WriteAsync(batch);
        }
    }
}
