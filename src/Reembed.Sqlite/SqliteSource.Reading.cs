using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

internal sealed partial class SqliteSource
{
    public override async IAsyncEnumerable<SourceRecord> ReadAsync(
        ShardInfo shard, string? afterCursor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shard);
        EnsureOpened();
        var range = SqliteShardRange.Parse(shard.Descriptor);
        await using var connection = await SqliteSetup.OpenAsync(_path, readOnly: true, cancellationToken);

        long nullPosition = 0;
        var resumeInNullIds = afterCursor is not null && SqliteCursor.TryDecodeNullId(afterCursor, out nullPosition);
        if (range.After is null && (afterCursor is null || resumeInNullIds))
        {
            // NULL ids sort first and cannot be paged by id, so the first shard reads them up front.
            await foreach (var record in ReadNullIdsAsync(connection, resumeInNullIds ? nullPosition : null, cancellationToken))
            {
                yield return record;
            }
        }

        // The resume cursor leads so that it is the bound the index seeks to; the shard start stays
        // as a filter, so together they read after the later of the two by the column's own collation.
        var lower = afterCursor is not null && !resumeInNullIds ? SqliteCursor.Decode(afterCursor)
            : range.After is not null ? SqliteCursor.Decode(range.After)
            : null;
        await using var command = connection.CreateCommand();
        var after = command.Parameters.AddWithValue("$after", DBNull.Value);
        if (range.After is not null)
        {
            command.Parameters.AddWithValue("$start", SqliteCursor.Decode(range.After));
        }

        if (range.UpTo is not null)
        {
            command.Parameters.AddWithValue("$upTo", SqliteCursor.Decode(range.UpTo));
        }

        var page = new List<SourceRecord>(_pageSize);
        while (true)
        {
            var sql = PageSql(lower is not null, range.After is not null, range.UpTo is not null);
            if (command.CommandText != sql)
            {
                command.CommandText = sql;
            }

            after.Value = lower ?? DBNull.Value;
            object? last = null;
            page.Clear();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    last = reader.GetValue(0);
                    page.Add(ComposeRow(reader, last));
                }
            }

            // Yielding after the reader is closed releases the read snapshot while the consumer works.
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
        EnsureOpened();
        await using var connection = await SqliteSetup.OpenAsync(_path, readOnly: true, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {_id}{_selectList} FROM {_table} WHERE {_filter}{_id} = $key";
        var parameter = command.Parameters.AddWithValue("$key", DBNull.Value);
        foreach (var key in keys)
        {
            // A key is the id as text; an untyped column may hold it as a number or blob instead.
            foreach (var candidate in KeyCandidates(key))
            {
                parameter.Value = candidate;
                SourceRecord? found = null;
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (found is null && await reader.ReadAsync(cancellationToken))
                    {
                        var record = ComposeRow(reader, reader.GetValue(0));
                        found = record.Key == key ? record : null;
                    }
                }

                if (found is not null)
                {
                    yield return found;
                    break;
                }
            }
        }
    }

    private string PageSql(bool hasLower, bool hasStart, bool hasUpper) =>
        $"SELECT {_id}{_selectList} FROM {_table} WHERE {_filter}{_id} IS NOT NULL"
        + (hasLower ? $" AND {_id} > $after" : "")
        + (hasStart ? $" AND {_id} > $start" : "")
        + (hasUpper ? $" AND {_id} <= $upTo" : "")
        + $" ORDER BY {_id} LIMIT {_pageSize.ToString(CultureInfo.InvariantCulture)}";

    private async IAsyncEnumerable<SourceRecord> ReadNullIdsAsync(
        SqliteConnection connection, long? afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();

        // Without a rowid (a view) the position is an ordinal; such a view should keep a stable order.
        command.CommandText = _hasRowid
            ? $"SELECT rowid FROM {_table} WHERE {_filter}{_id} IS NULL AND ($position IS NULL OR rowid > $position) ORDER BY rowid"
            : $"SELECT NULL FROM {_table} WHERE {_filter}{_id} IS NULL LIMIT -1 OFFSET coalesce($position, 0)";
        command.Parameters.AddWithValue("$position", afterPosition is { } value ? value : DBNull.Value);
        var ordinal = afterPosition ?? 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var position = _hasRowid ? reader.GetInt64(0) : ++ordinal;
            var where = (_hasRowid ? "rowid " : "row ") + position.ToString(CultureInfo.InvariantCulture);
            yield return new SourceRecord
            {
                Key = where.Replace(' ', ':'),
                Cursor = SqliteCursor.EncodeNullId(position),
                Locator = where,
                Failure = new ItemFailure(ItemFailure.Stages.Read, "missing-id", $"id NULL at {where}"),
            };
        }
    }

    private SourceRecord ComposeRow(SqliteDataReader reader, object id)
    {
        var key = SqliteCursor.ToKey(id);
        var cursor = SqliteCursor.Encode(id);
        var locator = "id " + key;
        var fields = _options.Text.Fields;
        var values = new string?[fields.Count];
        for (var i = 0; i < values.Length; i++)
        {
            switch (reader.GetValue(i + 1))
            {
                case string text:
                    values[i] = text;
                    break;
                case long integer:
                    values[i] = integer.ToString(CultureInfo.InvariantCulture);
                    break;
                case double real:
                    values[i] = real.ToString("R", CultureInfo.InvariantCulture);
                    break;
                case byte[]:
                    return Failed(ItemFailure.Stages.Compose, "bad-field", $"column '{fields[i]}' is a BLOB");
                default:
                    values[i] = "";
                    break;
            }
        }

        return _options.Text.TryRender(name => _fieldIndex.TryGetValue(name, out var i) ? values[i] : null, out var composed, out var missing)
            ? new SourceRecord { Key = key, Cursor = cursor, Locator = locator, Text = composed }
            : Failed(ItemFailure.Stages.Compose, "missing-field", $"field '{missing}' is missing");

        SourceRecord Failed(string stage, string errorClass, string message) =>
            new() { Key = key, Cursor = cursor, Locator = locator, Failure = new ItemFailure(stage, errorClass, message) };
    }

    private static IEnumerable<object> KeyCandidates(string key)
    {
        yield return key;
        if (long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            yield return integer;
        }

        if (double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            yield return real;
        }

        if (key.Length > 0 && key.Length % 2 == 0 && key.All(char.IsAsciiHexDigit))
        {
            yield return Convert.FromHexString(key);
        }
    }
}
