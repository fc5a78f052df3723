using Microsoft.Data.Sqlite;

namespace Reembed.Sqlite;

/// <summary>Initialises the bundled native SQLite once, and opens connections the same way everywhere.</summary>
internal static class SqliteSetup
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    public static void EnsureInitialized() => _ = Initialized.Value;

    /// <summary>Opens <paramref name="path"/> for writing, creating its folder and the file when absent.</summary>
    public static ValueTask<SqliteConnection> OpenCreatingAsync(string path, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        return OpenAsync(path, readOnly: false, cancellationToken);
    }

    /// <summary>Opens a connection with WAL journaling and a busy timeout, so several readers and one writer coexist.</summary>
    public static async ValueTask<SqliteConnection> OpenAsync(string path, bool readOnly, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = readOnly
                ? "PRAGMA busy_timeout = 10000;"
                : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
