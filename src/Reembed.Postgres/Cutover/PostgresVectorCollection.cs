using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using Reembed.Postgres.Sink;
using Reembed.Postgres.Sql;

namespace Reembed.Postgres.Cutover;

/// <summary>
/// The vectors of a postgres table: a shadow-shape table (<c>id, vector, content_hash, space</c>) or, in place,
/// a vector column of the source table with its <c>&lt;vector&gt;_hash</c> column and the space in the
/// column's tag. Read as <c>real[]</c> whatever the column type; searched by pgvector's <c>&lt;=&gt;</c>
/// when the column is <c>vector</c> or <c>halfvec</c>.
/// </summary>
internal sealed class PostgresVectorCollection : VectorCollection
{
    // pgvector's hnsw returns at most ef_search rows (40 by default); its ceiling is 1000.
    private const int DefaultEfSearch = 40;
    private const int MaxEfSearch = 1000;

    private readonly PostgresSinkOptions _options;
    private readonly PgServer _server;
    private readonly PgTableName _table;
    private PgCollectionLayout? _layout;

    public PostgresVectorCollection(PostgresSinkOptions options, string? name = null)
    {
        _table = PgIdentifier.ParseTable(options.Table, "target.table");
        PgIdentifier.Quote(options.IdColumn, "target.id");
        PgIdentifier.Quote(options.VectorColumn, "target.vector");
        _options = options;
        Name = name ?? options.Table;
        _server = PgServer.Create(options.ConnectionString, "target");
    }

    public override string Description => $"postgres {_server.Description} table {_table.Display} column {_options.VectorColumn}";

    public override string Name { get; }

    /// <summary>From the catalog once read (any read or search), until then from the configured <c>target.vectorType</c>.</summary>
    public override bool CanSearch => _layout?.Searchable ?? PgVectorColumn.NeedsExtension(_options.VectorType);

    public override async IAsyncEnumerable<StoredVector> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await _server.OpenAsync(cancellationToken);
        var layout = await LayoutAsync(connection, cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT {layout.Id}::text, {layout.Vector}::real[], {layout.Hash}, {layout.Space} FROM {_table.Quoted} "
            + $"WHERE {layout.Vector} IS NOT NULL AND {layout.Id} IS NOT NULL",
            connection) { CommandTimeout = 0 };
        await using var reader = await Run(() => command.ExecuteReaderAsync(cancellationToken));
        while (await Run(() => reader.ReadAsync(cancellationToken)))
        {
            // Npgsql hands out rows it has buffered without looking at the token.
            cancellationToken.ThrowIfCancellationRequested();
            yield return new StoredVector(
                reader.GetString(0),
                reader.GetFieldValue<float[]>(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? layout.TaggedSpace : reader.GetString(3));
        }
    }

    public override async ValueTask<IReadOnlyList<Neighbour>> SearchAsync(ReadOnlyMemory<float> query, int k, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        await using var connection = await _server.OpenAsync(cancellationToken);
        var layout = await LayoutAsync(connection, cancellationToken);
        if (!layout.Searchable)
        {
            throw new NotSupportedException($"{Description} is {layout.VectorType}, not a pgvector type: it has no search of its own");
        }

        return await Run(async () =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (k > DefaultEfSearch)
            {
                await using var ef = new NpgsqlCommand("SELECT set_config('hnsw.ef_search', @ef, true)", connection);
                ef.Parameters.AddWithValue("ef", Math.Min(k, MaxEfSearch).ToString(System.Globalization.CultureInfo.InvariantCulture));
                await ef.ExecuteNonQueryAsync(cancellationToken);
            }

            // The query is bound as real[] and cast to the column's own type, so an index on the column serves the ORDER BY.
            var distance = $"{layout.Vector} <=> @query::real[]::{layout.VectorType}";
            await using var command = new NpgsqlCommand(
                $"SELECT {layout.Id}::text, ({distance})::float8 FROM {_table.Quoted} ORDER BY {distance} LIMIT @k", connection) { CommandTimeout = 0 };
            command.Parameters.Add(new NpgsqlParameter("query", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = query.ToArray() });
            command.Parameters.AddWithValue("k", k);
            var found = new List<Neighbour>(k);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    // NULL vectors sort last, with a NULL distance: they are not neighbours.
                    if (!reader.IsDBNull(0) && !reader.IsDBNull(1))
                    {
                        found.Add(new Neighbour(reader.GetString(0), (float)(1 - reader.GetDouble(1))));
                    }
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return (IReadOnlyList<Neighbour>)found;
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await base.DisposeAsync();
    }

    private async ValueTask<PgCollectionLayout> LayoutAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        _layout ??= await Run(() => PgCollectionLayouts.ReadAsync(connection, _options, _table, cancellationToken).AsTask());

    private async ValueTask<T> Run<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (NpgsqlException ex)
        {
            throw _server.Error(ex, "target.table", $"cannot read table {_table.Display} on");
        }
    }
}
