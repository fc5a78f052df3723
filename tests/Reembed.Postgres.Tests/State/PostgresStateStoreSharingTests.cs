using Reembed.Testing;

namespace Reembed.Postgres.Tests.State;

/// <summary>What a shared state store adds: several stores (processes) on one schema at once.</summary>
public sealed class PostgresStateStoreSharingTests : IAsyncLifetime
{
    private readonly TestSchema _schema = new();
    private readonly ManualTimeProvider _clock = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    private ValueTask<StateStore> OpenAsync() => PostgresState.OpenAsync(_schema.ConnectionString, _schema.Name, _clock);

    private static JobRecord Job(string id) => new()
    {
        Id = id, ConfigKey = "/cfg", SpecFingerprint = "fp", SpecJson = "{}", Mode = "all", SpaceId = "s", SpaceDescription = "d",
    };

    [Fact]
    public async Task CommitAsync_TwoStoresOnOneSchema_EachSeesTheOthersCommits()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        await first.CreateJobAsync(Job("j1"), [new ShardInfo("0", "all")]);
        await second.ClaimAsync("j1", "worker-2");

        await second.CommitAsync("j1", new Checkpoint { ShardId = "0", Cursor = "k9", Delta = new(10, 10, 0, 0, 0) });
        await first.RequestCancelAsync("j1");

        var seen = await first.GetJobAsync("j1");
        Assert.Equal("worker-2", seen?.Owner);
        Assert.Equal(10, seen?.Counters.Processed);
        Assert.Equal("k9", (await first.GetShardsAsync("j1"))[0].Cursor);
        Assert.True(await second.CommitAsync("j1", new Checkpoint { ShardId = "0" }));
    }

    [Fact]
    public async Task CommitAsync_EightConcurrentCommittersOnOneJob_LoseNoCountsOrAttempts()
    {
        const int Committers = 8;
        const int CommitsEach = 40;
        var stores = new List<StateStore>();
        try
        {
            for (var i = 0; i < Committers; i++)
            {
                stores.Add(await OpenAsync());
            }

            await stores[0].CreateJobAsync(Job("j1"), [.. Enumerable.Range(0, Committers).Select(i => new ShardInfo($"{i}", $"part {i}"))]);

            await Task.WhenAll(stores.Select((store, shard) => Task.Run(async () =>
            {
                for (var n = 1; n <= CommitsEach; n++)
                {
                    await store.CommitAsync("j1", new Checkpoint
                    {
                        ShardId = $"{shard}", Cursor = $"k{n:D3}", Delta = new(3, 1, 1, 1, 0), ActiveSecondsDelta = 0.25,
                        Failures = [new ItemFailureEntry("shared", null, new ItemFailure(ItemFailure.Stages.Embed, "rejected", "x"))],
                    });
                }
            })));

            var job = await stores[0].GetJobAsync("j1");
            Assert.NotNull(job);
            const int Commits = Committers * CommitsEach;
            Assert.Equal(new JobCounters(3 * Commits, Commits, Commits, Commits, 0), job.Counters);
            Assert.Equal(0.25 * Commits, job.ActiveSeconds, 6);
            Assert.Equal(Commits, Assert.Single(await stores[0].GetFailuresAsync("j1", 0)).Attempts);
            Assert.All(await stores[0].GetShardsAsync("j1"), shard => Assert.Equal($"k{CommitsEach:D3}", shard.Cursor));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task OpenAsync_SeveralProcessesOnAFreshSchemaAtOnce_MigrateOnceAndAllWork()
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () => await OpenAsync())));
        try
        {
            await opened[0].CreateJobAsync(Job("j1"), [new ShardInfo("0", "all")]);

            Assert.All(await Task.WhenAll(opened.Select(s => s.GetJobAsync("j1").AsTask())), job => Assert.Equal("j1", job?.Id));
            Assert.Equal(StateTables.Steps.Count, await _schema.QueryAsync<int>("SELECT version FROM {schema}.schema_version WHERE component = 'state'"));
            Assert.Equal(1L, await _schema.QueryAsync<long>("SELECT count(*) FROM {schema}.schema_version"));
        }
        finally
        {
            foreach (var store in opened)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task OpenAsync_SchemaWrittenByNewerBuild_ThrowsFatalNamingVersion()
    {
        await (await OpenAsync()).DisposeAsync();
        await _schema.QueryAsync<object>("UPDATE {schema}.schema_version SET version = 99 RETURNING 0");

        var ex = await Assert.ThrowsAsync<ReembedException>(() => OpenAsync().AsTask());

        Assert.Equal(ErrorKind.Fatal, ex.Kind);
        Assert.Contains("99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitAsync_UnknownShard_ThrowsFatalAndRollsBackTheCounters()
    {
        await using var store = await OpenAsync();
        await store.CreateJobAsync(Job("j1"), [new ShardInfo("0", "all")]);

        var ex = await Assert.ThrowsAsync<ReembedException>(() =>
            store.CommitAsync("j1", new Checkpoint { ShardId = "nope", Cursor = "k1", Delta = new(5, 5, 0, 0, 0) }).AsTask());

        Assert.Equal(ErrorKind.Fatal, ex.Kind);
        Assert.Contains("nope", ex.Message, StringComparison.Ordinal);
        Assert.Equal(JobCounters.Zero, (await store.GetJobAsync("j1"))?.Counters);
    }
}
