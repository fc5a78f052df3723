using System.Buffers.Binary;
using Reembed.Sqlite;

namespace Reembed.Tests;

public sealed class SqliteSinkTests : IDisposable
{
    private static readonly EmbeddingSpace Space3 = new("test", "model-a", 3, normalized: false);
    private static readonly EmbeddingSpace OtherSpace3 = new("test", "model-b", 3, normalized: false);

    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task WriteAsync_ThenReadStoredBytes_VectorsAreBitIdenticalLittleEndian()
    {
        float[] vector = [-0.0f, float.Epsilon, 1.17549421e-38f];
        float[] other = [float.MaxValue, -1.5f, 0.1f];
        await using (var sink = await OpenAsync(Space3))
        {
            var token = await sink.WriteAsync([new("a", vector, "hash-a"), new("b", other, "hash-b")]);
            Assert.Null(token);
        }

        var rows = await ReadRowsAsync();

        Assert.Equal(["a", "b"], rows.Select(r => r.Id));
        Assert.Equal(vector.Select(BitConverter.SingleToInt32Bits), rows[0].Vector.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(other.Select(BitConverter.SingleToInt32Bits), rows[1].Vector.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal("hash-b", rows[1].Hash);
        Assert.Equal(Space3.Id, rows[1].Space);
    }

    [Fact]
    public async Task WriteAsync_SameIdAgain_OverwritesVectorAndHash()
    {
        await using var sink = await OpenAsync(Space3);

        await sink.WriteAsync([new("a", new float[] { 1, 2, 3 }, "old")]);
        await sink.WriteAsync([new("a", new float[] { 4, 5, 6 }, "new")]);

        var row = Assert.Single(await ReadRowsAsync());
        Assert.Equal([4f, 5f, 6f], row.Vector);
        Assert.Equal("new", row.Hash);
    }

    [Fact]
    public async Task OpenAsync_TableHoldsAnotherSpace_ConfigErrorNamesEmbedderAndBothSpaces()
    {
        await using (var sink = await OpenAsync(Space3))
        {
            await sink.WriteAsync([new("a", new float[] { 1, 2, 3 }, "h")]);
        }

        await using var other = SqliteStores.CreateSink(new SqliteSinkOptions { Path = _db.Path });
        var error = await Assert.ThrowsAsync<ReembedException>(() => other.OpenAsync(OtherSpace3, null).AsTask());

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal("embedder", error.Subject);
        Assert.Contains($"holds vectors of space {Space3.Id}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"makes space {OtherSpace3.Id} ({OtherSpace3.Description})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_StoredVectorOfOtherDimension_ConfigError()
    {
        await _db.ExecuteAsync("CREATE TABLE vectors (id TEXT PRIMARY KEY, vector BLOB NOT NULL, content_hash TEXT NOT NULL, space TEXT NOT NULL)");
        await _db.ExecuteAsync("INSERT INTO vectors VALUES ('a', zeroblob(8), 'h', $space)", ("$space", Space3.Id));
        await using var sink = SqliteStores.CreateSink(new SqliteSinkOptions { Path = _db.Path });

        var error = await Assert.ThrowsAsync<ReembedException>(() => sink.OpenAsync(Space3, null).AsTask());

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal("embedder", error.Subject);
        Assert.Contains("2 dimensions (id a)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_ExistingTableLacksColumn_ConfigErrorNamesTargetTableAndColumn()
    {
        await _db.ExecuteAsync("CREATE TABLE vectors (id TEXT PRIMARY KEY, vector BLOB, space TEXT)");
        await using var sink = SqliteStores.CreateSink(new SqliteSinkOptions { Path = _db.Path });

        var error = await Assert.ThrowsAsync<ReembedException>(() => sink.OpenAsync(Space3, null).AsTask());

        Assert.Equal("target.table", error.Subject);
        Assert.Contains("'content_hash'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_PathUnderAFile_FatalNamingThePath()
    {
        var blocker = Path.Combine(_db.Folder, "file");
        await File.WriteAllTextAsync(blocker, "x");
        var path = Path.Combine(blocker, "sub", "v.db");
        await using var sink = SqliteStores.CreateSink(new SqliteSinkOptions { Path = path });

        var error = await Assert.ThrowsAsync<ReembedException>(() => sink.OpenAsync(Space3, null).AsTask());

        Assert.Equal(ErrorKind.Fatal, error.Kind);
        Assert.StartsWith($"cannot write target {path}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_MissingFolderAndQuotedTableName_CreatesBoth()
    {
        var path = Path.Combine(_db.Folder, "deep", "er", "v.db");
        const string Table = "v\"; DROP TABLE x; --";
        await using (var sink = SqliteStores.CreateSink(new SqliteSinkOptions { Path = path, Table = Table }))
        {
            await sink.OpenAsync(Space3, null);
            await sink.WriteAsync([new("a", new float[] { 1, 2, 3 }, "h")]);
            await sink.CompleteAsync();
        }

        await using var connection = await SqliteSetup.OpenAsync(path, readOnly: true, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM \"v\"\"; DROP TABLE x; --\"";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task LookupAsync_MixedKeys_ReturnsHashesOfThisSpaceOnly()
    {
        await using var sink = await OpenAsync(Space3);
        await sink.WriteAsync([new("a", new float[] { 1, 2, 3 }, "ha"), new("b", new float[] { 1, 2, 3 }, "hb")]);
        await _db.ExecuteAsync("INSERT INTO vectors VALUES ('z', zeroblob(12), 'hz', 'another')");
        var found = new Dictionary<string, string>();

        await sink.LookupAsync(["a", "b", "c", "z"], found);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "ha", ["b"] = "hb" }, found);
    }

    [Fact]
    public async Task WriteAsync_WrongDimension_ThrowsAndWritesNothingOfTheBatch()
    {
        await using var sink = await OpenAsync(Space3);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            sink.WriteAsync([new("a", new float[] { 1, 2, 3 }, "h"), new("b", new float[] { 1, 2 }, "h")]).AsTask());

        Assert.Empty(await ReadRowsAsync());
    }

    private async Task<VectorSink> OpenAsync(EmbeddingSpace space)
    {
        var sink = SqliteStores.CreateSink(new SqliteSinkOptions { Path = _db.Path });
        await sink.OpenAsync(space, resumeToken: null);
        return sink;
    }

    private async Task<List<(string Id, float[] Vector, string Hash, string Space)>> ReadRowsAsync()
    {
        await using var connection = await SqliteSetup.OpenAsync(_db.Path, readOnly: true, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, vector, content_hash, space FROM vectors ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, float[], string, string)>();
        while (await reader.ReadAsync())
        {
            var bytes = (byte[])reader.GetValue(1);
            var vector = new float[bytes.Length / 4];
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
            }

            rows.Add((reader.GetString(0), vector, reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }
}
