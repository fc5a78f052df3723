using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Reembed.Testing;

namespace Reembed.Postgres.Tests;

/// <summary>
/// The server kills the source's connections while a job reads it: the page read fails as a transient fault,
/// the shard is read again after the last record handed on, and every row is written exactly once.
/// </summary>
public sealed class PostgresSourceDroppedConnectionTests
{
    private const int Rows = 600;

    [Fact]
    public async Task RunAsync_ServerTerminatesTheSourcesConnectionsMidRun_ReadAgainAndEveryRowWrittenOnce()
    {
        await using var scratch = await PgScratch.CreateAsync();
        await scratch.ExecuteAsync($"CREATE TABLE docs (id bigint PRIMARY KEY, title text); INSERT INTO docs SELECT g, 'title ' || g FROM generate_series(1, {Rows}) g");
        var application = "reembed-src-drop-" + Guid.NewGuid().ToString("N")[..8];
        var options = SourceTesting.Options(scratch, "docs");
        options = new PostgresSourceOptions
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString) { ApplicationName = application }.ConnectionString,
            Table = options.Table,
            Text = options.Text,
        };
        await using var source = await SourceTesting.OpenAsync(options, pageSize: 50);
        var sink = new InMemorySink();
        var generator = new FakeEmbeddingGenerator(3);
        var kills = 0;
        generator.OnGenerate = async (inputs, _) =>
        {
            // Twice during the run, every connection the source holds (its pool's idle ones) is cut off by the server.
            if (inputs.Contains("title 120") || inputs.Contains("title 400"))
            {
                Interlocked.Add(ref kills, await scratch.ScalarAsync<int>(
                    $"SELECT count(*)::int FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{application}') t"));
            }

            return null;
        };
        var runner = new JobRunner(source, sink, generator, new EmbeddingSpace("fake", "m", 3, normalized: false), new InMemoryStateStore(),
            new PipelineOptions { MaxItems = 10, MaxConcurrency = 2 }, NullLogger.Instance, TimeProvider.System);

        var outcome = await runner.RunAsync(
            new JobRequest { ConfigKey = "c", SpecFingerprint = "f", SpecJson = "{}", Owner = "test" }, new CancellationTokenSource());

        Assert.Equal(JobState.Completed, outcome.Job.State);
        Assert.True(kills > 0, "no connection of the source was open to be terminated");
        Assert.Equal(Rows, sink.Rows.Count);
        var written = sink.Writes.SelectMany(static w => w).ToList();
        Assert.Equal(Rows, written.Count);
        Assert.Equal(Rows, outcome.Job.Counters.Embedded);
    }
}
