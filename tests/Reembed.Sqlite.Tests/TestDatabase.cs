using Microsoft.Data.Sqlite;
using Reembed.Sqlite;

namespace Reembed.Tests;

/// <summary>A database file in its own temp folder, deleted on dispose.</summary>
internal sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reembed-sqlite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, "test.db");
    }

    public string Folder { get; }

    public string Path { get; }

    public async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await SqliteSetup.OpenAsync(Path, readOnly: false, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await SqliteSetup.OpenAsync(Path, readOnly: true, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Inserts <paramref name="count"/> rows in one transaction; <paramref name="row"/> gives each row's values.</summary>
    public async Task InsertManyAsync(string sql, int count, Func<int, object?[]> row)
    {
        await using var connection = await SqliteSetup.OpenAsync(Path, readOnly: false, CancellationToken.None);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < count; i++)
        {
            var values = row(i);
            if (command.Parameters.Count == 0)
            {
                for (var p = 0; p < values.Length; p++)
                {
                    command.Parameters.AddWithValue("$p" + p, DBNull.Value);
                }
            }

            for (var p = 0; p < values.Length; p++)
            {
                command.Parameters[p].Value = values[p] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leaked temp folder must not fail a test.
        }
    }
}
