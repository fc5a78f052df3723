using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>
/// Reads one table in id order with keyset pagination (<c>id &gt; $after ORDER BY id LIMIT n</c>),
/// so that every page costs an index seek however deep the read is. Shards are id ranges.
/// </summary>
internal sealed partial class SqliteSource : RecordSource
{
    private const int DefaultPageSize = 1000;
    private const long RowsPerShard = 100_000;
    private const int MaxShards = 8;

    private readonly SqliteSourceOptions _options;
    private readonly string _path;
    private readonly int _pageSize;
    private readonly Dictionary<string, int> _fieldIndex = new(StringComparer.Ordinal);
    private string _table = "";
    private string _id = "";
    private string _selectList = "";
    private string _filter = "";
    private bool _hasRowid;
    private bool _opened;

    public SqliteSource(SqliteSourceOptions options, int pageSize = DefaultPageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        _options = options;
        _path = Path.GetFullPath(options.Path);
        _pageSize = pageSize;
    }

    public override string Description => $"sqlite {_path} table {_options.Table}";

    public override async ValueTask OpenAsync(CancellationToken cancellationToken = default)
    {
        _table = SqliteIdentifier.Quote(_options.Table, "source.table");
        _id = SqliteIdentifier.Quote(_options.IdColumn, "source.id");
        var fields = _options.Text.Fields;
        foreach (var field in fields)
        {
            SqliteIdentifier.Quote(field, "source.text");
        }

        if (!File.Exists(_path))
        {
            throw ReembedException.Config("source.path", $"file not found: {_path}");
        }

        try
        {
            await using var connection = await SqliteSetup.OpenAsync(_path, readOnly: true, cancellationToken);
            await CheckSchemaAsync(connection, cancellationToken);
            _hasRowid = await ProbeAsync(connection, $"SELECT rowid FROM {_table} LIMIT 0", cancellationToken) is null;
        }
        catch (SqliteException ex)
        {
            throw ReembedException.Config("source.path", $"cannot read {_path}: {ex.Message}");
        }

        for (var i = 0; i < fields.Count; i++)
        {
            _fieldIndex[fields[i]] = i;
        }

        _selectList = string.Concat(fields.Select(f => ", " + SqliteIdentifier.Quote(f, "source.text")));
        _opened = true;
    }

    public override async ValueTask<long?> CountAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpened();
        await using var connection = await SqliteSetup.OpenAsync(_path, readOnly: true, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {_table} WHERE {_filter}1";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public override async ValueTask<IReadOnlyList<ShardInfo>> GetShardsAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpened();
        await using var connection = await SqliteSetup.OpenAsync(_path, readOnly: true, cancellationToken);
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM {_table} WHERE {_filter}{_id} IS NOT NULL";
        var rows = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        var shardCount = (int)Math.Max(1, Math.Min(MaxShards, (rows + RowsPerShard - 1) / RowsPerShard));

        // One OFFSET scan per boundary is acceptable here; reading itself never uses OFFSET.
        await using var boundary = connection.CreateCommand();
        boundary.CommandText = $"SELECT {_id} FROM {_table} WHERE {_filter}{_id} IS NOT NULL ORDER BY {_id} LIMIT 1 OFFSET $offset";
        var offset = boundary.Parameters.Add("$offset", SqliteType.Integer);
        var bounds = new string?[shardCount + 1];
        for (var k = 1; k < shardCount; k++)
        {
            offset.Value = (k * rows / shardCount) - 1;
            var id = await boundary.ExecuteScalarAsync(cancellationToken);
            bounds[k] = id is null or DBNull ? null : SqliteCursor.Encode(id);
        }

        var shards = new ShardInfo[shardCount];
        for (var k = 0; k < shardCount; k++)
        {
            shards[k] = new ShardInfo(k.ToString(System.Globalization.CultureInfo.InvariantCulture), new SqliteShardRange(bounds[k], bounds[k + 1]).ToDescriptor());
        }

        return shards;
    }

    private async ValueTask CheckSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (!await SqliteSchema.TableExistsAsync(connection, _options.Table, cancellationToken))
        {
            throw ReembedException.Config("source.table", $"no table or view named '{_options.Table}' in {_path}");
        }

        var columns = await SqliteSchema.GetColumnsAsync(connection, _options.Table, cancellationToken);
        if (!columns.Contains(_options.IdColumn))
        {
            throw ReembedException.Config("source.id", $"table '{_options.Table}' has no column '{_options.IdColumn}'");
        }

        var missing = _options.Text.Fields.FirstOrDefault(f => !columns.Contains(f));
        if (missing is not null)
        {
            throw ReembedException.Config("source.text", $"table '{_options.Table}' has no column '{missing}'");
        }

        if (!string.IsNullOrWhiteSpace(_options.Where))
        {
            // A newline before the closing parenthesis keeps a trailing -- comment from eating it.
            _filter = $"({_options.Where}\n) AND ";
            var error = await ProbeAsync(connection, $"SELECT 1 FROM {_table} WHERE {_filter}1 LIMIT 0", cancellationToken);
            if (error is not null)
            {
                throw ReembedException.Config("source.where", $"invalid condition: {error.Message}");
            }
        }
    }

    /// <summary>Prepares <paramref name="sql"/>; returns the error, or null when it is valid.</summary>
    private static async ValueTask<SqliteException?> ProbeAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return null;
        }
        catch (SqliteException ex)
        {
            return ex;
        }
    }

    private void EnsureOpened()
    {
        if (!_opened)
        {
            throw new InvalidOperationException("OpenAsync must be called first.");
        }
    }
}
