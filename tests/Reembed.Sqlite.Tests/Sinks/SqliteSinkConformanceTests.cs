using Microsoft.Data.Sqlite;
using Reembed.Sqlite;
using Reembed.Testing;

namespace Reembed.Tests.Sinks;

public sealed class SqliteSinkConformanceTests : VectorSinkConformanceTests, IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    protected override VectorSink CreateSink() => SqliteStores.CreateSink(new SqliteSinkOptions { Path = _db.Path, Table = "vecs" });

    protected override async Task<IReadOnlyDictionary<string, StoredRow>> ReadBackAsync()
    {
        var held = new Dictionary<string, StoredRow>(StringComparer.Ordinal);
        if (!File.Exists(_db.Path))
        {
            return held;
        }

        await using var connection = await SqliteSetup.OpenAsync(_db.Path, readOnly: true, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, vector, content_hash, space FROM vecs";
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var bytes = (byte[])reader.GetValue(1);
                var vector = new float[bytes.Length / sizeof(float)];
                for (var i = 0; i < vector.Length; i++)
                {
                    vector[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
                }

                held[reader.GetString(0)] = new StoredRow(vector, reader.GetString(2), reader.GetString(3));
            }
        }
        catch (SqliteException ex) when (ex.Message.Contains("no such table", StringComparison.Ordinal))
        {
            // Not created yet: holds nothing.
        }

        return held;
    }
}
