using Npgsql;
using Reembed.Postgres.Sink;
using Reembed.Testing;

namespace Reembed.Postgres.Tests;

/// <summary>
/// The postgres target in each shape, vector type and load path, against <see cref="VectorSinkConformanceTests"/>.
/// Each test gets a schema of its own; an in-place target's source table holds a row for every key a test may write.
/// </summary>
public abstract class PostgresSinkConformanceTests : VectorSinkConformanceTests
{
    private PgScratch? _scratch;

    protected abstract PostgresTargetShape Shape { get; }

    protected abstract PostgresVectorType VectorType { get; }

    protected abstract PostgresLoadPath LoadPath { get; }

    protected virtual bool OnPgvector => false;

    private PgScratch Scratch => _scratch ?? throw new InvalidOperationException("InitializeAsync has not run.");

    private string Table => Scratch.Qualify(Shape == PostgresTargetShape.InPlace ? "docs" : "vecs");

    public override async Task InitializeAsync()
    {
        _scratch = await PgScratch.CreateAsync(OnPgvector);
        if (Shape == PostgresTargetShape.InPlace)
        {
            await Scratch.ExecuteAsync($"CREATE TABLE {Table} (id text PRIMARY KEY, body text NOT NULL)");
            await Scratch.ExecuteAsync($"INSERT INTO {Table} SELECT k, 'body of ' || k FROM unnest(@keys::text[]) AS k", ("keys", AllKeys.ToArray()));
        }
    }

    public override async Task DisposeAsync()
    {
        if (_scratch is not null)
        {
            await _scratch.DisposeAsync();
        }
    }

    protected override VectorSink CreateSink() => PostgresStores.CreateSink(new PostgresSinkOptions
    {
        ConnectionString = Scratch.ConnectionString,
        Table = Table,
        Shape = Shape,
        VectorType = VectorType,
        LoadPath = LoadPath,
    });

    protected override async Task<IReadOnlyDictionary<string, StoredRow>> ReadBackAsync()
    {
        var held = new Dictionary<string, StoredRow>(StringComparer.Ordinal);
        await using var dataSource = NpgsqlDataSource.Create(Scratch.ConnectionString);
        await using var probe = dataSource.CreateCommand(
            "SELECT col_description(attrelid, attnum) FROM pg_attribute WHERE attrelid = to_regclass(@table) AND attname = 'embedding'");
        probe.Parameters.AddWithValue("table", Table);
        await using (var columns = await probe.ExecuteReaderAsync())
        {
            if (!await columns.ReadAsync())
            {
                return held;
            }
        }

        var inPlace = Shape == PostgresTargetShape.InPlace;
        var columnSpace = PgSpaceTag.Read(await probe.ExecuteScalarAsync() as string);
        await using var command = dataSource.CreateCommand(inPlace
            ? $"SELECT id, embedding::real[], embedding_hash, NULL FROM {Table} WHERE embedding IS NOT NULL"
            : $"SELECT id, embedding::real[], content_hash, space FROM {Table}");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var space = inPlace ? columnSpace ?? "(untagged)" : reader.GetString(3);
            held[reader.GetString(0)] = new StoredRow(reader.GetFieldValue<float[]>(1), reader.GetString(2), space);
        }

        return held;
    }
}
