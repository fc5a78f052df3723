using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>Opens the embedded SQLite state store, the default for single-machine runs.</summary>
public static class SqliteState
{
    /// <summary>
    /// Opens (creating the file, its folder and its schema when missing) the state store at <paramref name="path"/>.
    /// Several processes may open the same file.
    /// </summary>
    /// <exception cref="ReembedException">Kind <see cref="ErrorKind.Fatal"/> when the file cannot be created, opened or written.</exception>
    public static async ValueTask<StateStore> OpenAsync(string path, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(timeProvider);

        SqliteConnection? connection = null;
        try
        {
            connection = await SqliteSetup.OpenCreatingAsync(Path.GetFullPath(path), cancellationToken);
            await StateSchema.EnsureAsync(connection, path, cancellationToken);
            var store = new SqliteStateStore(path, connection, timeProvider);
            connection = null;
            return store;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException or NotSupportedException)
        {
            throw new ReembedException(ErrorKind.Fatal, $"cannot open state store {path}: {ex.Message}", ex) { Subject = path };
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
