using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>
/// Upserts vectors by id into one table. Writes go through one connection and one prepared
/// statement per batch transaction; lookups use a second connection, which WAL lets read while
/// the writer writes.
/// </summary>
internal sealed partial class SqliteSink : VectorSink
{
    private readonly SqliteSinkOptions _options;
    private readonly string _path;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private const int LookupChunk = 256;
    private readonly SemaphoreSlim _lookupLock = new(1, 1);
    private SqliteConnection? _writer;
    private SqliteConnection? _reader;
    private SqliteCommand? _upsert;
    private SqliteCommand? _lookup;
    private byte[] _buffer = [];
    private int _dimensions;

    public SqliteSink(SqliteSinkOptions options)
    {
        _options = options;
        _path = Path.GetFullPath(options.Path);
    }

    public override string Description => $"sqlite {_path} table {_options.Table}";

    public override async ValueTask OpenAsync(EmbeddingSpace space, string? resumeToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (_writer is not null)
        {
            throw new InvalidOperationException("The sink is already open.");
        }

        // resumeToken is not needed: upserts by id make a redone batch harmless.
        var table = SqliteIdentifier.Quote(_options.Table, "target.table");
        _writer = await OpenWriterAsync(table, cancellationToken);
        await CheckColumnsAsync(_writer, cancellationToken);
        await CheckSpaceAsync(_writer, table, space, cancellationToken);
        await CheckTagAsync(_writer, space, tag: true, cancellationToken);

        _dimensions = space.Dimensions;
        _buffer = new byte[space.Dimensions * sizeof(float)];
        _upsert = _writer.CreateCommand();
        _upsert.CommandText =
            $"INSERT INTO {table} (id, vector, content_hash, space) VALUES ($id, $vector, $hash, $space) "
            + "ON CONFLICT(id) DO UPDATE SET vector = excluded.vector, content_hash = excluded.content_hash, space = excluded.space";
        _upsert.Parameters.AddWithValue("$id", "");
        _upsert.Parameters.AddWithValue("$vector", _buffer);
        _upsert.Parameters.AddWithValue("$hash", "");
        _upsert.Parameters.AddWithValue("$space", space.Id);
        _upsert.Prepare();

        await PrepareLookupAsync(table, space, cancellationToken);
    }

    public override async ValueTask<bool> OpenForLookupAsync(EmbeddingSpace space, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        var table = SqliteIdentifier.Quote(_options.Table, "target.table");
        if (!File.Exists(_path))
        {
            return false;
        }

        _reader = await SqliteSetup.OpenAsync(_path, readOnly: true, cancellationToken);
        if (!await SqliteSchema.TableExistsAsync(_reader, _options.Table, cancellationToken))
        {
            return false;
        }

        await CheckColumnsAsync(_reader, cancellationToken);
        await CheckSpaceAsync(_reader, table, space, cancellationToken);
        await CheckTagAsync(_reader, space, tag: false, cancellationToken);
        await PrepareLookupAsync(table, space, cancellationToken);
        return true;
    }

    private async ValueTask PrepareLookupAsync(string table, EmbeddingSpace space, CancellationToken cancellationToken)
    {
        _reader ??= await SqliteSetup.OpenAsync(_path, readOnly: true, cancellationToken);
        _lookup = _reader.CreateCommand();

        // One statement looks up a whole chunk of keys: far fewer round trips than one per key.
        // Unused slots are bound to NULL, which matches no id.
        var slots = string.Join(", ", Enumerable.Range(0, LookupChunk).Select(static i => $"$k{i}"));
        _lookup.CommandText = $"SELECT id, content_hash FROM {table} WHERE space = $space AND id IN ({slots})";
        _lookup.Parameters.AddWithValue("$space", space.Id);
        for (var i = 0; i < LookupChunk; i++)
        {
            _lookup.Parameters.Add($"$k{i}", SqliteType.Text).Value = DBNull.Value;
        }

        _lookup.Prepare();
    }

    public override async ValueTask LookupAsync(
        IReadOnlyList<string> keys, IDictionary<string, string> found, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(found);
        var lookup = _lookup ?? throw new InvalidOperationException("OpenAsync must be called first.");
        await _lookupLock.WaitAsync(cancellationToken);
        try
        {
            for (var start = 0; start < keys.Count; start += LookupChunk)
            {
                var count = Math.Min(LookupChunk, keys.Count - start);
                for (var i = 0; i < LookupChunk; i++)
                {
                    lookup.Parameters[i + 1].Value = i < count ? keys[start + i] : DBNull.Value;
                }

                await using var reader = await lookup.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    found[reader.GetString(0)] = reader.GetString(1);
                }
            }
        }
        catch (SqliteException ex)
        {
            throw Failure(ex, "read");
        }
        finally
        {
            _lookupLock.Release();
        }
    }

    public override async ValueTask<string?> WriteAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var upsert = _upsert ?? throw new InvalidOperationException("OpenAsync must be called first.");
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var id = upsert.Parameters["$id"];
            var hash = upsert.Parameters["$hash"];
            await using var transaction = (SqliteTransaction)await _writer!.BeginTransactionAsync(cancellationToken);
            upsert.Transaction = transaction;
            foreach (var record in records)
            {
                if (record.Vector.Length != _dimensions)
                {
                    throw new ArgumentException(
                        $"record '{record.Key}' has {record.Vector.Length} dimensions; the space has {_dimensions}", nameof(records));
                }

                // The buffer is re-filled in place: SQLite copies a bound blob when the statement runs.
                SqliteVectorCodec.Encode(record.Vector.Span, _buffer);
                id.Value = record.Key;
                hash.Value = record.ContentHash;
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        catch (SqliteException ex)
        {
            throw Failure(ex, "write");
        }
        finally
        {
            upsert.Transaction = null;
            _writeLock.Release();
        }
    }

    public override async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_writer is null)
        {
            return;
        }

        // Folding the WAL back leaves a single self-contained file for whoever copies it next.
        await using var checkpoint = _writer.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await checkpoint.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _upsert, _lookup })
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }

        foreach (var connection in new[] { _reader, _writer })
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        _writeLock.Dispose();
        _lookupLock.Dispose();
        await base.DisposeAsync();
    }
}
