using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>The vectors of one table, streamed row by row over a read-only connection it owns.</summary>
internal sealed class SqliteVectorCollection : VectorCollection
{
    private readonly SqliteConnection _connection;
    private readonly string _path;

    private SqliteVectorCollection(SqliteConnection connection, string path, string name)
    {
        _connection = connection;
        _path = path;
        Name = name;
    }

    public override string Description => $"sqlite {_path} table {Name}";

    public override string Name { get; }

    /// <summary>Opens <paramref name="name"/> in <paramref name="path"/>; null when the file or the table does not exist.</summary>
    public static async ValueTask<SqliteVectorCollection?> OpenAsync(string path, string name, CancellationToken cancellationToken)
    {
        SqliteIdentifier.Quote(name, "target.table");
        if (!File.Exists(path))
        {
            return null;
        }

        var connection = await SqliteSetup.OpenAsync(path, readOnly: true, cancellationToken);
        try
        {
            if (!await SqliteCommands.TableExistsAsync(connection, null, name, cancellationToken))
            {
                await connection.DisposeAsync();
                return null;
            }

            return new SqliteVectorCollection(connection, path, name);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async IAsyncEnumerable<StoredVector> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = SqliteCommands.Create(_connection, null,
            $"SELECT id, vector, content_hash, space FROM {SqliteIdentifier.Quote(Name, "target.table")} WHERE vector IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var bytes = (byte[])reader.GetValue(1);
            yield return new StoredVector(
                reader.GetString(0),
                SqliteVectorCodec.Decode(bytes),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3));
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await base.DisposeAsync();
    }
}
