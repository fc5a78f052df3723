using Reembed.Sqlite;
using Reembed.Testing;

namespace Reembed.Tests.Sqlite;

public sealed class SqliteStateStoreTests : StateStoreConformanceTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "reembed-state-" + Guid.NewGuid().ToString("N"));

    private string StatePath => Path.Combine(_directory, "nested", "state.db");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    protected override async Task<StateStore> CreateStoreAsync(TimeProvider timeProvider) =>
        await SqliteState.OpenAsync(StatePath, timeProvider);

    [Fact]
    public async Task OpenAsync_MissingFolder_CreatesFileAndDescribesPath()
    {
        await using var store = await SqliteState.OpenAsync(StatePath, Clock);

        Assert.True(File.Exists(StatePath));
        Assert.Contains("state.db", store.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_ParentIsAFile_ThrowsFatalNamingPath()
    {
        Directory.CreateDirectory(_directory);
        var blocker = Path.Combine(_directory, "blocker");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var path = Path.Combine(blocker, "state.db");

        var ex = await Assert.ThrowsAsync<ReembedException>(() => SqliteState.OpenAsync(path, Clock).AsTask());

        Assert.Equal(ErrorKind.Fatal, ex.Kind);
        Assert.StartsWith($"cannot open state store {path}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NotADatabase_ThrowsFatal()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StatePath)!);
        await File.WriteAllTextAsync(StatePath, new string('x', 4096));

        var ex = await Assert.ThrowsAsync<ReembedException>(() => SqliteState.OpenAsync(StatePath, Clock).AsTask());

        Assert.Equal(ErrorKind.Fatal, ex.Kind);
    }

    [Fact]
    public async Task OpenAsync_NewerSchemaVersion_ThrowsFatal()
    {
        await (await SqliteState.OpenAsync(StatePath, Clock)).DisposeAsync();
        await SetUserVersionAsync(StatePath, 99);

        var ex = await Assert.ThrowsAsync<ReembedException>(() => SqliteState.OpenAsync(StatePath, Clock).AsTask());

        Assert.Equal(ErrorKind.Fatal, ex.Kind);
        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_VersionOneFile_MigratesAndKeepsJobs()
    {
        await using (var old = await SqliteState.OpenAsync(StatePath, Clock))
        {
            await old.CreateJobAsync(NewJob("j1"), Shards("0"));
        }

        // A version-1 file has no notice column: drop it to stand for one written by the previous build.
        await using (var connection = await SqliteSetup.OpenAsync(StatePath, readOnly: false, CancellationToken.None))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE jobs DROP COLUMN notice; DROP TABLE verifications; PRAGMA user_version = 1;";
            await command.ExecuteNonQueryAsync();
        }

        await using var store = await SqliteState.OpenAsync(StatePath, Clock);
        await store.SetNoticeAsync("j1", "paused");

        Assert.Equal("paused", (await store.GetJobAsync("j1"))?.Notice);
    }

    [Fact]
    public async Task OpenAsync_VersionTwoFile_MigratesAndKeepsVerifications()
    {
        await using (var old = await SqliteState.OpenAsync(StatePath, Clock))
        {
            await old.CreateJobAsync(NewJob("j1"), Shards("0"));
        }

        // A version-2 file has no verifications table.
        await using (var connection = await SqliteSetup.OpenAsync(StatePath, readOnly: false, CancellationToken.None))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE verifications; PRAGMA user_version = 2;";
            await command.ExecuteNonQueryAsync();
        }

        await using var store = await SqliteState.OpenAsync(StatePath, Clock);
        await store.SaveVerificationAsync(new VerificationRecord("j1", Clock.GetUtcNow(), true, "t", "s", "{}", null));

        Assert.True((await store.GetLatestVerificationAsync("j1"))?.Passed);
    }

    [Fact]
    public async Task CommitAsync_TwoInstancesOnOneFile_SeeEachOthersChanges()
    {
        await using var first = await SqliteState.OpenAsync(StatePath, Clock);
        await using var second = await SqliteState.OpenAsync(StatePath, Clock);
        await first.CreateJobAsync(NewJob("j1"), Shards("0", "1"));
        await second.ClaimAsync("j1", "worker-2");

        for (var i = 1; i <= 10; i++)
        {
            var (store, shard) = i % 2 == 0 ? (first, "0") : (second, "1");
            await store.CommitAsync("j1", new Checkpoint
            {
                ShardId = shard, Cursor = $"k{i:D3}", Delta = new(1, 1, 0, 0, 0), Failures = [new($"f{i}", null, new("embed", "x", "m"))],
            });
        }

        await first.RequestCancelAsync("j1");
        Assert.True(await second.CommitAsync("j1", new Checkpoint { ShardId = "1" }));
        var job = await first.GetJobAsync("j1");
        Assert.Equal(10, job?.Counters.Processed);
        Assert.Equal("worker-2", job?.Owner);
        Assert.Equal(["k010", "k009"], (await second.GetShardsAsync("j1")).Select(s => s.Cursor));
        Assert.Equal(10, (await first.GetFailuresAsync("j1", 0)).Count);
    }

    [Fact]
    public async Task CommitAsync_ConcurrentWritersOnOneFile_LoseNoDelta()
    {
        await using var first = await SqliteState.OpenAsync(StatePath, Clock);
        await using var second = await SqliteState.OpenAsync(StatePath, Clock);
        await first.CreateJobAsync(NewJob("j1"), Shards("0", "1"));

        async Task CommitManyAsync(StateStore store, string shard)
        {
            for (var i = 0; i < 200; i++)
            {
                await store.CommitAsync("j1", new Checkpoint { ShardId = shard, Cursor = $"{i:D4}", Delta = new(1, 1, 0, 0, 0) });
            }
        }

        await Task.WhenAll(Task.Run(() => CommitManyAsync(first, "0")), Task.Run(() => CommitManyAsync(second, "1")));

        Assert.Equal(400, (await first.GetJobAsync("j1"))?.Counters.Embedded);
    }

    [Fact]
    public async Task CommitAsync_UnknownShardWithCursor_ThrowsFatal()
    {
        await using var store = await SqliteState.OpenAsync(StatePath, Clock);
        await store.CreateJobAsync(NewJob("j1"), Shards("0"));

        var ex = await Assert.ThrowsAsync<ReembedException>(
            () => store.CommitAsync("j1", new Checkpoint { ShardId = "7", Cursor = "k", Delta = new(1, 1, 0, 0, 0) }).AsTask());

        Assert.Equal(ErrorKind.Fatal, ex.Kind);
        Assert.Equal(0, (await store.GetJobAsync("j1"))?.Counters.Processed);
    }

    private static async Task SetUserVersionAsync(string path, int version)
    {
        await using var connection = await SqliteSetup.OpenAsync(path, readOnly: false, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA user_version = {version};";
        await command.ExecuteNonQueryAsync();
    }
}
