using System.Globalization;
using System.Runtime.CompilerServices;
using Npgsql;

namespace Reembed.Postgres.Source;

internal sealed partial class PostgresSource
{
    private const int KeysPerLookup = 1000;

    public override async IAsyncEnumerable<SourceRecord> ReadAsync(
        ShardInfo shard, string? afterCursor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shard);
        var server = EnsureOpened();
        var range = PgShardRange.Parse(shard.Descriptor);
        var resumeAfterNullIds = afterCursor == PgCursor.AfterNullIds;
        if (range.After is null && afterCursor is null)
        {
            // Rows without an id cannot be paged or keyed; the first shard reports them once.
            var nullIds = await CountNullIdsAsync(server, cancellationToken);
            if (nullIds > 0)
            {
                yield return new SourceRecord
                {
                    Key = "id:NULL",
                    Cursor = PgCursor.AfterNullIds,
                    Locator = "id NULL",
                    Failure = new ItemFailure(ItemFailure.Stages.Read, "missing-id",
                        $"{nullIds.ToString(CultureInfo.InvariantCulture)} rows of {_what} have a NULL {_options.IdColumn} and are skipped"),
                };
            }
        }

        // The resume cursor leads so that it is the bound the index seeks to; the shard start stays
        // as a filter, so together they read after the later of the two.
        var lower = afterCursor is not null && !resumeAfterNullIds ? PgCursor.Decode(afterCursor)
            : range.After is not null ? PgCursor.Decode(range.After)
            : null;
        var start = range.After is null ? null : PgCursor.Decode(range.After);
        var upTo = range.UpTo is null ? null : PgCursor.Decode(range.UpTo);
        while (true)
        {
            var (page, last) = await ReadPageAsync(server, lower, start, upTo, cancellationToken);
            foreach (var record in page)
            {
                // A page is already read: only this check lets a cancellation stop it before the next query.
                cancellationToken.ThrowIfCancellationRequested();
                yield return record;
            }

            if (page.Count < _pageSize)
            {
                yield break;
            }

            lower = last;
        }
    }

    public override async IAsyncEnumerable<SourceRecord> ReadKeysAsync(
        IReadOnlySet<string> keys, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var server = EnsureOpened();
        var typed = keys.Select(key => PgCursor.ParseKey(key, _idKind)).OfType<object>().ToList();
        for (var offset = 0; offset < typed.Count; offset += KeysPerLookup)
        {
            var chunk = typed.GetRange(offset, Math.Min(KeysPerLookup, typed.Count - offset));
            foreach (var record in await ReadChunkAsync(server, chunk, cancellationToken))
            {
                if (keys.Contains(record.Key))
                {
                    yield return record;
                }
            }
        }
    }

    private async ValueTask<long> CountNullIdsAsync(Sql.PgServer server, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await server.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {_from} WHERE {_filter}{_id} IS NULL", connection);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (NpgsqlException ex)
        {
            throw server.Error(ex, "source", "cannot read " + _what + " on");
        }
    }

    private async ValueTask<(List<SourceRecord> Page, object? Last)> ReadPageAsync(
        Sql.PgServer server, object? lower, object? start, object? upTo, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {_id}{_selectList} FROM {_from} WHERE {_filter}{_id} IS NOT NULL"
            + (lower is not null ? $" AND {_id} > @after" : "")
            + (start is not null ? $" AND {_id} > @start" : "")
            + (upTo is not null ? $" AND {_id} <= @upTo" : "")
            + $" ORDER BY {_id} LIMIT {_pageSize.ToString(CultureInfo.InvariantCulture)}";
        var page = new List<SourceRecord>(_pageSize);
        object? last = null;
        try
        {
            await using var connection = await server.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            AddId(command, "after", lower);
            AddId(command, "start", start);
            AddId(command, "upTo", upTo);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                last = reader.GetValue(0);
                page.Add(ComposeRow(reader, last));
            }
        }
        catch (NpgsqlException ex)
        {
            throw server.Error(ex, "source", "cannot read " + _what + " on");
        }

        return (page, last);
    }

    private async ValueTask<List<SourceRecord>> ReadChunkAsync(Sql.PgServer server, List<object> ids, CancellationToken cancellationToken)
    {
        var records = new List<SourceRecord>(ids.Count);
        try
        {
            await using var connection = await server.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                $"SELECT {_id}{_selectList} FROM {_from} WHERE {_filter}{_id} = ANY(@ids) ORDER BY {_id}", connection);
            command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlTypes.NpgsqlDbType.Array | PgCursor.DbType(_idKind))
            {
                Value = _idKind switch
                {
                    PgIdKind.Integer => ids.Cast<long>().ToArray(),
                    PgIdKind.Uuid => ids.Cast<Guid>().ToArray(),
                    _ => (object)ids.Cast<string>().ToArray(),
                },
            });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                records.Add(ComposeRow(reader, reader.GetValue(0)));
            }
        }
        catch (NpgsqlException ex)
        {
            throw server.Error(ex, "source", "cannot read " + _what + " on");
        }

        return records;
    }

    private void AddId(NpgsqlCommand command, string name, object? value)
    {
        if (value is not null)
        {
            command.Parameters.Add(new NpgsqlParameter(name, PgCursor.DbType(_idKind)) { Value = value });
        }
    }

    private SourceRecord ComposeRow(NpgsqlDataReader reader, object id)
    {
        var key = PgCursor.ToKey(id);
        var cursor = PgCursor.Encode(id);
        var locator = "id " + key;
        var values = new string?[_options.Text.Fields.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i + 1) ? "" : reader.GetString(i + 1);
        }

        return _options.Text.TryRender(name => _fieldIndex.TryGetValue(name, out var i) ? values[i] : null, out var composed, out var missing)
            ? new SourceRecord { Key = key, Cursor = cursor, Locator = locator, Text = composed }
            : new SourceRecord
            {
                Key = key,
                Cursor = cursor,
                Locator = locator,
                Failure = new ItemFailure(ItemFailure.Stages.Compose, "missing-field", $"field '{missing}' is missing"),
            };
    }
}
