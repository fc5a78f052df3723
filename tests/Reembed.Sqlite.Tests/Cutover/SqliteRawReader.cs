using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Reembed.Sqlite;
using Reembed.Testing;

namespace Reembed.Tests.Cutover;

/// <summary>Reads a table with plain SQL, as a user of the target would.</summary>
internal static class SqliteRawReader
{
    public static async Task<IReadOnlyDictionary<string, StoredRow>?> ReadAsync(string path, string table)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        await using var connection = await SqliteSetup.OpenAsync(path, readOnly: true, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, vector, content_hash, space FROM \"{table}\"";
        var held = new Dictionary<string, StoredRow>(StringComparer.Ordinal);
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var bytes = (byte[])reader.GetValue(1);
                var vector = new float[bytes.Length / sizeof(float)];
                for (var i = 0; i < vector.Length; i++)
                {
                    vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
                }

                held[reader.GetString(0)] = new StoredRow(vector, reader.GetString(2), reader.GetString(3));
            }
        }
        catch (SqliteException ex) when (ex.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return null;
        }

        return held;
    }
}
