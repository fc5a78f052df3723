using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Reembed.Postgres.Sql;

namespace Reembed.Postgres.Sink;

/// <summary>
/// Writes vectors into a shadow table or a column of the source table. A batch is staged in a
/// temporary table (binary COPY of <c>real[]</c>, or multi-row INSERT) and applied with one
/// set-based statement in the same transaction, so a batch lands whole or not at all and a redone
/// batch rewrites the same rows. A shadow <c>real[]</c> table skips the staging while its batches
/// meet no key already there (see PostgresSink.Direct.cs).
/// </summary>
internal sealed partial class PostgresSink : VectorSink
{
    private const int KeysPerLookup = 1000;

    private readonly PostgresSinkOptions _options;
    private readonly bool _inPlace;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ILogger _logger;
    private PgIndexManager? _indexes;
    private PgServer? _server;
    private NpgsqlConnection? _writer;
    private EmbeddingSpace? _space;
    private string _idType = "text";
    private string _applySql = "";
    private bool? _useCopy;
    private PgTableName _table;
    private string _id = "";
    private string _vector = "";
    private string _hash = "";

    public PostgresSink(PostgresSinkOptions options, ILogger? logger = null)
    {
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _inPlace = options.Shape == PostgresTargetShape.InPlace;
        _table = new PgTableName(null, options.Table);
        _useCopy = options.LoadPath switch
        {
            PostgresLoadPath.Copy => true,
            PostgresLoadPath.Insert => false,
            _ => null,
        };
    }

    public override string Description =>
        $"postgres {_server?.Description ?? "(not opened)"} table {_table.Display} column {_options.VectorColumn}{(_inPlace ? " (in place)" : "")}";

    /// <summary>Which load path the next batch takes: true for COPY, false for INSERT, null when COPY is still to be tried.</summary>
    internal bool? UsesCopy => _useCopy;

    public override async ValueTask OpenAsync(EmbeddingSpace space, string? resumeToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (_writer is not null)
        {
            throw new InvalidOperationException("The sink is already open.");
        }

        // resumeToken is not needed: upserts by id make a redone batch harmless.
        ResolveNames();
        var index = PgIndexSpec.Resolve(_options, _table);
        _server ??= PgServer.Create(_options.ConnectionString, "target");
        _writer = await _server.OpenAsync(cancellationToken);
        try
        {
            await PrepareTableAsync(_writer, space, cancellationToken);
            _indexes = new PgIndexManager(_options, _table, _vector, index, _logger);
            await _indexes.PrepareAsync(_writer, cancellationToken);
            await CreateStagingAsync(_writer, cancellationToken);
            if (_useCopy is null && await IsPgliteAsync(_writer, cancellationToken))
            {
                // PGlite hangs its one session on COPY FROM STDIN instead of failing it, so Auto cannot try.
                _useCopy = false;
            }
        }
        catch (NpgsqlException ex)
        {
            throw _server.Error(ex, "target.table", $"cannot prepare table {_table.Display} on");
        }

        DecideDirectPath();

        _space = space;
        _applySql = ApplySql(space);
    }

    public override async ValueTask<bool> OpenForLookupAsync(EmbeddingSpace space, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        ResolveNames();
        _server ??= PgServer.Create(_options.ConnectionString, "target");
        await using var connection = await _server.OpenAsync(cancellationToken);
        try
        {
            var columns = await ReadColumnsAsync(connection, cancellationToken);
            if (!columns.TryGetValue(_options.VectorColumn, out var vector))
            {
                if (_inPlace && columns.Count == 0)
                {
                    throw MissingTable();
                }

                return false;
            }

            _idType = IdTypeOf(columns);
            await CheckVectorsAsync(connection, columns, vector, space, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            throw _server.Error(ex, "target.table", $"cannot read table {_table.Display} on");
        }

        _space = space;
        return true;
    }

    public override async ValueTask LookupAsync(
        IReadOnlyList<string> keys, IDictionary<string, string> found, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(found);
        var space = _space ?? throw new InvalidOperationException("OpenAsync must be called first.");
        var server = _server!;
        var candidates = keys.Where(IsValidId).ToArray();
        var sql = _inPlace
            ? $"SELECT {_id}::text, {_hash} FROM {_table.Quoted} WHERE {_vector} IS NOT NULL AND {_id} = ANY(@keys::{_idType}[])"
            : $"SELECT {_id}::text, content_hash FROM {_table.Quoted} WHERE space = @space AND {_id} = ANY(@keys::{_idType}[])";
        try
        {
            await using var connection = await server.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            var parameter = command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text));
            command.Parameters.AddWithValue("space", space.Id);
            for (var start = 0; start < candidates.Length; start += KeysPerLookup)
            {
                parameter.Value = candidates[start..Math.Min(candidates.Length, start + KeysPerLookup)];
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    // A vector written by someone else has no hash: it counts as present, never as unchanged.
                    found[reader.GetString(0)] = reader.IsDBNull(1) ? "" : reader.GetString(1);
                }
            }
        }
        catch (NpgsqlException ex)
        {
            throw server.Error(ex, "target.table", $"cannot read table {_table.Display} on");
        }
    }

    /// <summary>Builds the configured index after a shadow load; in place, recreates a deferred one (see <see cref="PgIndexManager"/>).</summary>
    public override async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_indexes is not { } indexes)
        {
            return;
        }

        try
        {
            await using var connection = await _server!.OpenAsync(cancellationToken);
            await indexes.CompleteAsync(connection, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            throw _server!.Error(ex, "target.index", $"cannot build the index of table {_table.Display} on");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _writeLock.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Keys that cannot be ids of the column's type would fail the cast of the whole lookup; they are simply absent.</summary>
    private bool IsValidId(string key) => _idType switch
    {
        "bigint" or "integer" or "smallint" => long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        "uuid" => Guid.TryParse(key, out _),
        _ => true,
    };

    private static async ValueTask<bool> IsPgliteAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version()", connection);
        return (await command.ExecuteScalarAsync(cancellationToken) as string)?.Contains("PGlite", StringComparison.Ordinal) == true;
    }

    /// <summary>Validates every configured name before any SQL is built from it.</summary>
    private void ResolveNames()
    {
        _table = PgIdentifier.ParseTable(_options.Table, "target.table");
        _id = PgIdentifier.Quote(_options.IdColumn, "target.id");
        _vector = PgIdentifier.Quote(_options.VectorColumn, "target.vector");
        _hash = _inPlace ? PgIdentifier.Quote(_options.VectorColumn + "_hash", "target.vector") : "\"content_hash\"";
    }

    private ReembedException MissingTable() => ReembedException.Config(
        "target.table",
        $"no table named '{_table.Display}' in postgres {_server!.Description}; an in-place target is the source table");
}
