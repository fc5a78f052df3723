using System.Text.Json;

namespace Reembed.Tests;

/// <summary>The job API without any host: a spec in, typed results and events out.</summary>
public sealed class ReembedEngineTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "reembed-engine-" + Guid.NewGuid().ToString("N")[..8]);

    public ReembedEngineTests()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllLines(Path.Combine(_dir, "docs.jsonl"),
            Enumerable.Range(0, 300).Select(static i => JsonSerializer.Serialize(new { id = $"doc-{i:D4}", body = $"text number {i} about {i % 7}" })));
        File.WriteAllText(Path.Combine(_dir, "reembed.json"), """
            { "source": { "type": "jsonl", "path": "docs.jsonl", "text": "{body}" },
              "target": { "type": "sqlite", "path": "out/v.db", "table": "v" },
              "embedder": { "type": "hashing", "dimensions": 64 },
              "batch": { "maxItems": 16 } }
            """);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunAsync_ReportsStartProgressShardAndFinalStateInOrder_AndReturnsTheCounts()
    {
        var spec = await Loaders.LoadAsync(Path.Combine(_dir, "reembed.json"));
        var events = new RecordingEvents();
        var host = new JobHost { Owner = new TestOwner("test:1"), Events = events };

        var result = await Loaders.Engine.RunAsync(spec, new RunOptions(), host);

        Assert.Equal(("completed", 300L, 300L, false), (result.State, result.Processed, result.Embedded, result.Stopped));
        var seen = events.Events;
        var started = Assert.IsType<JobStarted>(seen[0]);
        Assert.Equal(result.JobId, started.JobId);
        Assert.False(started.Resumed);
        var progress = seen.OfType<JobProgressed>().Select(static p => p.Committed.Processed).ToList();
        Assert.True(progress.Count >= 2, $"{progress.Count} progress events");
        Assert.Equal(progress.Order().ToList(), progress);
        Assert.Equal(300, progress[^1]);
        Assert.Single(seen.OfType<ShardFinished>());
        var final = Assert.IsType<JobStateChanged>(seen[^1]);
        Assert.Equal(JobState.Completed, final.State);
        Assert.All(seen, e => Assert.Equal(result.JobId, e.JobId));
    }

    [Fact]
    public async Task StatusAndJobs_AfterARun_DescribeTheJob()
    {
        var spec = await Loaders.LoadAsync(Path.Combine(_dir, "reembed.json"));
        var host = new JobHost { Owner = new TestOwner("test:1") };
        var run = await Loaders.Engine.RunAsync(spec, new RunOptions(), host);

        var status = await Loaders.Engine.StatusAsync(spec, null, host);
        Assert.Equal((run.JobId, "completed", false, 300L), (status.JobId, status.State, status.Running, status.Processed));
        Assert.Equal(0, status.EtaSeconds);
        var jobs = await Loaders.Engine.ListJobsAsync(spec, 10, host);
        Assert.Equal(run.JobId, Assert.Single(jobs.Jobs).JobId);
        var cancel = await Assert.ThrowsAsync<ReembedException>(() => Loaders.Engine.CancelAsync(spec, null, host));
        Assert.Contains("already completed", cancel.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HostStopBeforeStart_StopsGracefullyAndTheNextRunResumes()
    {
        var spec = await Loaders.LoadAsync(Path.Combine(_dir, "reembed.json"));
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        var stopped = await Loaders.Engine.RunAsync(spec, new RunOptions(), new JobHost { Owner = new TestOwner("test:1"), Stop = stop.Token });
        Assert.True(stopped.Stopped);
        Assert.Equal("cancelled", stopped.State);

        var resumed = await Loaders.Engine.RunAsync(spec, new RunOptions(), new JobHost { Owner = new TestOwner("test:2") });
        Assert.Equal((stopped.JobId, true, "completed", 300L), (resumed.JobId, resumed.Resumed, resumed.State, resumed.Processed));
    }
}
