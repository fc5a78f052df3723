using Npgsql;
using Reembed.Postgres.Sql;

namespace Reembed.Postgres.Source;

/// <summary>
/// Reads a table, view or query in id order with keyset pagination (<c>id &gt; @after ORDER BY id
/// LIMIT n</c>): every page is one statement, so it reads one consistent snapshot and costs one
/// index seek however deep the read is. Shards are id ranges cut at percentiles of the id.
/// </summary>
internal sealed partial class PostgresSource : RecordSource
{
    private const int DefaultPageSize = 1000;
    private const long DefaultRowsPerShard = 100_000;
    private const int MaxShards = 8;

    private readonly PostgresSourceOptions _options;
    private readonly int _pageSize;
    private readonly long _rowsPerShard;
    private readonly Dictionary<string, int> _fieldIndex = new(StringComparer.Ordinal);
    private PgServer? _server;
    private string _from = "";
    private string _id = "";
    private string _selectList = "";
    private string _filter = "";
    private string _what = "";
    private PgIdKind _idKind;
    private bool _opened;

    public PostgresSource(PostgresSourceOptions options, int pageSize = DefaultPageSize, long rowsPerShard = DefaultRowsPerShard)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowsPerShard);
        _options = options;
        _pageSize = pageSize;
        _rowsPerShard = rowsPerShard;
    }

    public override string Description => $"postgres {_server?.Description ?? "(not opened)"} {_what}";

    /// <summary>The SQL type of the id column (<c>bigint</c>, <c>uuid</c>, <c>text</c>), for a shadow target's id; known after open.</summary>
    internal string IdSqlType { get; private set; } = "text";

    public override async ValueTask OpenAsync(CancellationToken cancellationToken = default)
    {
        var hasTable = !string.IsNullOrWhiteSpace(_options.Table);
        var hasQuery = !string.IsNullOrWhiteSpace(_options.Query);
        if (hasTable == hasQuery)
        {
            throw ReembedException.Config("source.table", "set exactly one of source.table and source.query");
        }

        var fromKey = hasTable ? "source.table" : "source.query";
        if (hasTable)
        {
            var table = PgIdentifier.ParseTable(_options.Table, "source.table");
            _from = table.Quoted;
            _what = "table " + table.Display;
        }
        else
        {
            // A newline before the closing parenthesis keeps a trailing -- comment from eating it.
            _from = $"({_options.Query}\n) AS reembed_query";
            _what = "query";
        }

        _id = PgIdentifier.Quote(_options.IdColumn, "source.id");
        var fields = _options.Text.Fields;
        _selectList = string.Concat(fields.Select(f => $", {PgIdentifier.Quote(f, "source.text")}::text"));
        for (var i = 0; i < fields.Count; i++)
        {
            _fieldIndex[fields[i]] = i;
        }

        _server = PgServer.Create(_options.ConnectionString, "source");
        await using var connection = await _server.OpenAsync(cancellationToken);
        await CheckColumnsAsync(connection, fromKey, cancellationToken);
        if (!string.IsNullOrWhiteSpace(_options.Where))
        {
            _filter = $"({_options.Where}\n) AND ";
            try
            {
                await using var probe = new NpgsqlCommand($"SELECT 1 FROM {_from} WHERE {_filter}true LIMIT 0", connection);
                await probe.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState != "42501")
            {
                throw ReembedException.Config("source.where", $"invalid condition: {ex.MessageText}");
            }
        }

        _opened = true;
    }

    public override async ValueTask<long?> CountAsync(CancellationToken cancellationToken = default)
    {
        var server = EnsureOpened();
        try
        {
            await using var connection = await server.OpenAsync(cancellationToken);
            // Rows without an id are read as one "id:NULL" report, so they count as one record.
            await using var command = new NpgsqlCommand(
                $"SELECT count({_id}) + (count(*) > count({_id}))::int FROM {_from} WHERE {_filter}true", connection);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (NpgsqlException ex)
        {
            throw server.Error(ex, "source", "cannot count the rows of " + _what + " on");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private async ValueTask CheckColumnsAsync(NpgsqlConnection connection, string fromKey, CancellationToken cancellationToken)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await using var command = new NpgsqlCommand($"SELECT * FROM {_from} LIMIT 0", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                types.TryAdd(reader.GetName(i), reader.GetDataTypeName(i));
            }
        }
        catch (PostgresException ex) when (ex.SqlState == "42P01" && fromKey == "source.table")
        {
            throw ReembedException.Config("source.table", $"no table or view named '{_options.Table}' in postgres {_server!.Description} ({ex.MessageText})");
        }
        catch (PostgresException ex) when (ex.SqlState.StartsWith("42", StringComparison.Ordinal) && ex.SqlState != "42501")
        {
            throw ReembedException.Config(fromKey, $"cannot run the {_what}: {ex.MessageText}");
        }
        catch (NpgsqlException ex)
        {
            throw _server!.Error(ex, fromKey, "cannot read " + _what + " on");
        }

        if (!types.TryGetValue(_options.IdColumn, out var idType))
        {
            throw ReembedException.Config("source.id", $"{_what} has no column '{_options.IdColumn}' (it has: {string.Join(", ", types.Keys)})");
        }

        _idKind = PgCursor.KindOf(idType)
            ?? throw ReembedException.Config("source.id", $"column '{_options.IdColumn}' is {idType}; the id must be bigint, integer, smallint, uuid, text or varchar");
        IdSqlType = _idKind switch { PgIdKind.Integer => "bigint", PgIdKind.Uuid => "uuid", _ => "text" };

        foreach (var field in _options.Text.Fields)
        {
            if (!types.TryGetValue(field, out var fieldType))
            {
                throw ReembedException.Config("source.text", $"{_what} has no column '{field}'");
            }

            if (fieldType == "bytea")
            {
                throw ReembedException.Config("source.text", $"column '{field}' is bytea, which has no text to embed");
            }
        }
    }

    private PgServer EnsureOpened() => _opened && _server is not null
        ? _server
        : throw new InvalidOperationException("OpenAsync must be called first.");
}
