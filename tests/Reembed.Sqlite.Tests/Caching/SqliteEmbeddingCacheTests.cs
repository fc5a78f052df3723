using Microsoft.Data.Sqlite;
using Reembed.Caching;
using Reembed.Sqlite;
using Reembed.Testing;

namespace Reembed.Tests.Sqlite.Caching;

public sealed class SqliteEmbeddingCacheTests : EmbeddingCacheConformanceTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "reembed-cache-" + Guid.NewGuid().ToString("N"));

    private string CachePath => Path.Combine(_directory, "nested", "cache.db");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    protected override async Task<EmbeddingCache> CreateCacheAsync(TimeProvider timeProvider, TimeSpan? ttl) =>
        await SqliteCache.OpenAsync(CachePath, ttl, timeProvider);

    [Fact]
    public async Task OpenAsync_MissingFolder_CreatesFileAndDescribesPath()
    {
        await using var cache = await SqliteCache.OpenAsync(CachePath, null, Clock);

        Assert.True(File.Exists(CachePath));
        Assert.Contains("cache.db", cache.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_Reopened_KeepsVectorsAndTexts()
    {
        await using (var cache = await SqliteCache.OpenAsync(CachePath, null, Clock))
        {
            await cache.PutVectorsAsync("space", [Entry("h", 1.5f, -2f)]);
            await cache.PutTextsAsync("scope", [new("k", "enriched")]);
        }

        await using var reopened = await SqliteCache.OpenAsync(CachePath, null, Clock);

        Assert.Equal(new[] { 1.5f, -2f }, (await GetVectorsAsync(reopened, "space", "h"))["h"]);
        Assert.Equal("enriched", (await GetTextsAsync(reopened, "scope", "k"))["k"]);
    }

    [Fact]
    public async Task OpenAsync_TwoInstancesOnOneFile_SeeEachOthersWrites()
    {
        await using var first = await SqliteCache.OpenAsync(CachePath, null, Clock);
        await using var second = await SqliteCache.OpenAsync(CachePath, null, Clock);

        await Task.WhenAll(
            first.PutVectorsAsync("space", [.. Enumerable.Range(0, 300).Select(i => Entry($"a{i}", i))]).AsTask(),
            second.PutVectorsAsync("space", [.. Enumerable.Range(0, 300).Select(i => Entry($"b{i}", -i))]).AsTask());

        Assert.Equal(new[] { 7f }, (await GetVectorsAsync(second, "space", "a7"))["a7"]);
        Assert.Equal(new[] { -7f }, (await GetVectorsAsync(first, "space", "b7"))["b7"]);
        var all = await GetVectorsAsync(first, "space", [.. Enumerable.Range(0, 300).SelectMany(i => new[] { $"a{i}", $"b{i}" })]);
        Assert.Equal(600, all.Count);
    }

    [Fact]
    public async Task OpenAsync_WithTtl_PurgesExpiredRows()
    {
        await using (var cache = await SqliteCache.OpenAsync(CachePath, null, Clock))
        {
            await cache.PutVectorsAsync("space", [Entry("old", 1f)]);
            await cache.PutTextsAsync("scope", [new("old", "x")]);
            Clock.Advance(Day * 2);
            await cache.PutVectorsAsync("space", [Entry("new", 2f)]);
        }

        await (await SqliteCache.OpenAsync(CachePath, Day, Clock)).DisposeAsync();

        Assert.Equal(1, await CountRowsAsync("vectors"));
        Assert.Equal(0, await CountRowsAsync("texts"));
    }

    [Fact]
    public async Task PutVectorsAsync_StoresLittleEndianFloat32Blob()
    {
        await using (var cache = await SqliteCache.OpenAsync(CachePath, null, Clock))
        {
            await cache.PutVectorsAsync("space", [Entry("h", 1f, -2f)]);
        }

        await using var connection = new SqliteConnection($"Data Source={CachePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT vector FROM vectors WHERE space = 'space' AND content_hash = 'h';";
        var blob = (byte[])(await command.ExecuteScalarAsync())!;

        Assert.Equal([0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0], blob);
    }

    [Fact]
    public async Task OpenAsync_ParentIsAFile_ThrowsFatalNamingCachePath()
    {
        Directory.CreateDirectory(_directory);
        var blocker = Path.Combine(_directory, "blocker");
        await File.WriteAllTextAsync(blocker, "not a folder");

        var ex = await Assert.ThrowsAsync<ReembedException>(
            () => SqliteCache.OpenAsync(Path.Combine(blocker, "cache.db"), null, Clock).AsTask());

        Assert.Equal(ErrorKind.Fatal, ex.Kind);
        Assert.Equal("cache.path", ex.Subject);
        Assert.StartsWith("cache.path: cannot open cache ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NotADatabase_ThrowsFatalNamingCachePath()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CachePath)!);
        await File.WriteAllTextAsync(CachePath, new string('x', 4096));

        var ex = await Assert.ThrowsAsync<ReembedException>(() => SqliteCache.OpenAsync(CachePath, null, Clock).AsTask());

        Assert.Equal(ErrorKind.Fatal, ex.Kind);
        Assert.Contains("cache.path", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NewerSchemaVersion_ThrowsFatal()
    {
        await (await SqliteCache.OpenAsync(CachePath, null, Clock)).DisposeAsync();
        await ExecuteAsync("PRAGMA user_version = 99;");

        var ex = await Assert.ThrowsAsync<ReembedException>(() => SqliteCache.OpenAsync(CachePath, null, Clock).AsTask());

        Assert.Equal(ErrorKind.Fatal, ex.Kind);
        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_StateStoreFile_ThrowsFatalInsteadOfFailingLater()
    {
        await (await SqliteState.OpenAsync(CachePath, Clock)).DisposeAsync();

        var ex = await Assert.ThrowsAsync<ReembedException>(() => SqliteCache.OpenAsync(CachePath, null, Clock).AsTask());

        Assert.Equal("cache.path", ex.Subject);
    }

    [Fact]
    public async Task OpenAsync_NonPositiveTtl_ThrowsConfigNamingTtl()
    {
        var ex = await Assert.ThrowsAsync<ReembedException>(
            () => SqliteCache.OpenAsync(CachePath, TimeSpan.Zero, Clock).AsTask());

        Assert.Equal(ErrorKind.Config, ex.Kind);
        Assert.Equal("cache.ttl", ex.Subject);
    }

    [Fact]
    public async Task PutVectorsAsync_WriteRejectedByDatabase_ThrowsFatalNamingCachePath()
    {
        await using var cache = await SqliteCache.OpenAsync(CachePath, null, Clock);
        await ExecuteAsync("CREATE TRIGGER no_writes BEFORE INSERT ON vectors BEGIN SELECT RAISE(ABORT, 'read-only cache'); END;");

        var ex = await Assert.ThrowsAsync<ReembedException>(() => cache.PutVectorsAsync("space", [Entry("h", 1f)]).AsTask());

        Assert.Equal(ErrorKind.Fatal, ex.Kind);
        Assert.Equal("cache.path", ex.Subject);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={CachePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountRowsAsync(string table)
    {
        await using var connection = new SqliteConnection($"Data Source={CachePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table};";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
