using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Reembed.Testing;

namespace Reembed.Postgres.Tests;

/// <summary>
/// Issue 4: "a dropped connection mid-batch (retried)". The server kills the sink's connections while the
/// job runs; the write fails as a transient fault, is retried on a fresh connection, and the job completes.
/// </summary>
public sealed class PostgresDroppedConnectionTests
{
    private const int Records = 400;

    [Fact]
    public async Task RunAsync_ServerTerminatesTheTargetsConnectionsMidRun_RetriedAndEveryRowWritten()
    {
        await using var scratch = await PgScratch.CreateAsync();
        var application = "reembed-drop-" + Guid.NewGuid().ToString("N")[..8];
        var options = SinkTesting.Shadow(scratch);
        options = new PostgresSinkOptions
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString) { ApplicationName = application }.ConnectionString,
            Table = options.Table,
            VectorType = options.VectorType,
            LoadPath = PostgresLoadPath.Copy,
            IdType = options.IdType,
        };
        await using var sink = PostgresStores.CreateSink(options);
        var generator = new FakeEmbeddingGenerator(3);
        var kills = 0;
        generator.OnGenerate = async (inputs, _) =>
        {
            // Twice during the run, everything the sink holds open is cut off by the server.
            if (inputs.Contains("text 100") || inputs.Contains("text 250"))
            {
                Interlocked.Add(ref kills, await scratch.ScalarAsync<int>(
                    $"SELECT count(*)::int FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{application}') t"));
            }

            return null;
        };
        var runner = new JobRunner(
            new ListSource(Enumerable.Range(0, Records).Select(i => ($"k{i:D4}", (string?)$"text {i}"))),
            sink, generator, new EmbeddingSpace("fake", "m", 3, normalized: false), new InMemoryStateStore(),
            new PipelineOptions { MaxItems = 10, MaxConcurrency = 2 }, NullLogger.Instance, TimeProvider.System);

        var outcome = await runner.RunAsync(
            new JobRequest { ConfigKey = "c", SpecFingerprint = "f", SpecJson = "{}", Owner = "test" }, new CancellationTokenSource());

        Assert.Equal(JobState.Completed, outcome.Job.State);
        Assert.True(kills > 0, "no connection of the sink was open to be terminated");
        Assert.Equal(Records, await scratch.ScalarAsync<long>($"SELECT count(*) FROM {scratch.Qualify("vecs")}"));
        Assert.Equal(Records, outcome.Job.Counters.Embedded);
    }
}
