using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

internal sealed partial class SqliteSink
{
    private static readonly string[] RequiredColumns = ["id", "vector", "content_hash", "space"];

    private async ValueTask<SqliteConnection> OpenWriterAsync(string table, CancellationToken cancellationToken)
    {
        SqliteConnection? connection = null;
        try
        {
            connection = await SqliteSetup.OpenCreatingAsync(_path, cancellationToken);
            var existed = await SqliteSchema.TableExistsAsync(connection, _options.Table, cancellationToken);
            await using var create = connection.CreateCommand();
            create.CommandText =
                $"CREATE TABLE IF NOT EXISTS {table} (id TEXT PRIMARY KEY, vector BLOB NOT NULL, content_hash TEXT NOT NULL, space TEXT NOT NULL)";
            await create.ExecuteNonQueryAsync(cancellationToken);
            await SqliteTableTags.EnsureAsync(connection, null, cancellationToken);
            if (!existed)
            {
                // A tag without its table is left over from a table dropped by hand; the new table starts untagged.
                await SqliteTableTags.DeleteAsync(connection, null, _options.Table, cancellationToken);
            }

            return connection;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            throw new ReembedException(ErrorKind.Fatal, $"cannot write target {_path}: {ex.Message}", ex) { Subject = "target.path" };
        }
    }

    private async ValueTask CheckColumnsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var columns = await SqliteSchema.GetColumnsAsync(connection, _options.Table, cancellationToken);
        var missing = RequiredColumns.FirstOrDefault(c => !columns.Contains(c));
        if (missing is not null)
        {
            throw ReembedException.Config(
                "target.table",
                $"table '{_options.Table}' in {_path} has no column '{missing}'; a sqlite target needs (id TEXT PRIMARY KEY, vector BLOB, content_hash TEXT, space TEXT)");
        }
    }

    /// <summary>
    /// Refuses a table tagged with another space, which also covers an empty one; tags an untagged table
    /// when <paramref name="tag"/> (the row check has passed by then, so its rows are of this space).
    /// </summary>
    private async ValueTask CheckTagAsync(SqliteConnection connection, EmbeddingSpace space, bool tag, CancellationToken cancellationToken)
    {
        var existing = await SqliteTableTags.GetAsync(connection, null, _options.Table, cancellationToken);
        if (existing is { } found && found.SpaceId != space.Id)
        {
            throw ReembedException.Config(
                "embedder",
                $"target {_path} table {_options.Table} is tagged with space {found.SpaceId}; this embedder makes space {space.Id} ({space.Description}). "
                + "Use a new target table, or the embedder that made those vectors.");
        }

        if (tag && existing is null)
        {
            await SqliteTableTags.SetAsync(connection, null, _options.Table, new SqliteTableTag(space.Id, space.Dimensions), cancellationToken);
        }
    }

    private async ValueTask CheckSpaceAsync(SqliteConnection connection, string table, EmbeddingSpace space, CancellationToken cancellationToken)
    {
        await using var other = connection.CreateCommand();
        other.CommandText = $"SELECT space FROM {table} WHERE space <> $space LIMIT 1";
        other.Parameters.AddWithValue("$space", space.Id);
        if (await other.ExecuteScalarAsync(cancellationToken) is string otherSpace)
        {
            throw ReembedException.Config(
                "embedder",
                $"target {_path} table {_options.Table} holds vectors of space {otherSpace}; this embedder makes space {space.Id} ({space.Description}). "
                + "Use a new target table, or the embedder that made those vectors.");
        }

        await using var wrongLength = connection.CreateCommand();
        wrongLength.CommandText = $"SELECT id, length(vector) FROM {table} WHERE length(vector) <> $bytes LIMIT 1";
        wrongLength.Parameters.AddWithValue("$bytes", space.Dimensions * sizeof(float));
        await using var reader = await wrongLength.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.IsDBNull(0) ? "NULL" : reader.GetValue(0).ToString();
            var length = reader.GetInt64(1);
            throw ReembedException.Config(
                "embedder",
                $"target {_path} table {_options.Table} holds a vector of {(length / (double)sizeof(float)).ToString(CultureInfo.InvariantCulture)} dimensions (id {id}); "
                + $"this embedder makes {space.Dimensions} ({space.Description}). Use a new target table.");
        }
    }

    private ReembedException Failure(SqliteException ex, string verb)
    {
        // BUSY and LOCKED mean another process holds the file for a while; anything else will not cure itself.
        var kind = ex.SqliteErrorCode is 5 or 6 ? ErrorKind.Transient : ErrorKind.Fatal;
        return new ReembedException(kind, $"cannot {verb} target {_path}: {ex.Message}", ex) { Subject = "target.path" };
    }
}
