using Npgsql;
using Reembed.Testing;

namespace Reembed.Postgres.Tests;

/// <summary>The store-neutral cut-over conformance suite, on a shadow-shape table of the PostgreSQL 15 test cluster.</summary>
public sealed class PostgresCutoverConformanceTests : CutoverTargetConformance
{
    private PgScratch? _scratch;

    private PgScratch Scratch => _scratch ?? throw new InvalidOperationException("not initialised");

    private string Live => Scratch.Qualify("docs_vectors");

    public override async Task InitializeAsync() => _scratch = await PgScratch.CreateAsync();

    public override async Task DisposeAsync()
    {
        if (_scratch is not null)
        {
            await _scratch.DisposeAsync();
        }
    }

    protected override CutoverTarget CreateTarget() => PostgresStores.CreateCutover(CutoverTesting.Options(Scratch, Live), TimeProvider.System);

    protected override VectorSink CreateSink(string name) => PostgresStores.CreateSink(CutoverTesting.Options(Scratch, name));

    protected override async Task<IReadOnlyDictionary<string, StoredRow>?> ReadRawAsync(string name)
    {
        await using var dataSource = NpgsqlDataSource.Create(Scratch.ConnectionString);
        await using (var exists = dataSource.CreateCommand("SELECT to_regclass(@table) IS NOT NULL"))
        {
            exists.Parameters.AddWithValue("table", name);
            if (!(bool)(await exists.ExecuteScalarAsync())!)
            {
                return null;
            }
        }

        var rows = new Dictionary<string, StoredRow>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand($"SELECT id::text, embedding::real[], content_hash, space FROM {name}");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = new StoredRow(reader.GetFieldValue<float[]>(1), reader.GetString(2), reader.GetString(3));
        }

        return rows;
    }

    protected override Task CreateEmptyUntaggedLiveAsync() =>
        Scratch.ExecuteAsync($"CREATE TABLE {Live} (id text PRIMARY KEY, embedding real[] NOT NULL, content_hash text NOT NULL, space text NOT NULL)");
}
