using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Reembed.Hashing;
using Reembed.Jsonl;
using Reembed.Sqlite;

namespace Reembed.Bench;

/// <summary>One measured run of one scenario, in its own process.</summary>
internal static class Child
{
    private const int Dimensions = 384;

    // The baseline times its insert loop only, not the reading of ids before it.
    private static double? _loopSeconds;

    public static async Task<int> RunAsync(string scenario, string corpus, string work)
    {
        Directory.CreateDirectory(work);
        var target = Path.Combine(work, "vectors.db");
        var watch = Stopwatch.StartNew();
        long records = scenario switch
        {
            "baseline" => await BaselineAsync(corpus, target),
            "noop" => await PipelineAsync(corpus, target, Path.Combine(work, "state.db"), new NoopEmbeddingGenerator(Dimensions)),
            "hashing" => await PipelineAsync(corpus, target, Path.Combine(work, "state.db"),
                HashingEmbedder.Create(new HashingEmbedderOptions { Dimensions = Dimensions })),
            _ => throw new ArgumentException($"unknown scenario {scenario}"),
        };
        var seconds = _loopSeconds ?? watch.Elapsed.TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            scenario,
            records,
            seconds,
            recordsPerSecond = records / seconds,
            peakRssMb = PeakRssMb(),
        }));
        return 0;
    }

    private static async Task<long> PipelineAsync(string corpus, string target, string state, IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var options = new HashingEmbedderOptions { Dimensions = Dimensions };
        var space = generator is NoopEmbeddingGenerator ? new EmbeddingSpace("noop", "noop", Dimensions, true) : HashingEmbedder.GetSpace(options);
        await using var source = JsonlStores.CreateSource(new JsonlSourceOptions
        {
            Path = corpus,
            Text = TextTemplate.Parse("{summary}\n\n{description}", "source.text"),
        });
        await using var sink = SqliteStores.CreateSink(new SqliteSinkOptions { Path = target, Table = "docs_vectors" });
        await using var store = await SqliteState.OpenAsync(state, TimeProvider.System);
        var runner = new JobRunner(source, sink, generator, space, store, new PipelineOptions(), NullLogger.Instance, TimeProvider.System);
        var outcome = await runner.RunAsync(new JobRequest { ConfigKey = corpus, SpecFingerprint = "bench", SpecJson = "{}", Owner = "bench" }, new CancellationTokenSource());
        if (outcome.Job.Counters.Embedded != outcome.Job.Counters.Processed)
        {
            throw new InvalidOperationException($"bench run embedded {outcome.Job.Counters.Embedded} of {outcome.Job.Counters.Processed}");
        }

        return outcome.Job.Counters.Embedded;
    }

    /// <summary>
    /// The baseline: ids read up front, the same precomputed vector inserted into the same table
    /// with the same upsert, one transaction per 128 rows (the pipeline's batch size).
    /// </summary>
    private static async Task<long> BaselineAsync(string corpus, string target)
    {
        var ids = File.ReadLines(corpus).Select(static line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!).ToList();
        var vector = new byte[Dimensions * sizeof(float)];
        BitConverter.TryWriteBytes(vector, 1f);
        var hash = new string('0', 64);
        var watch = Stopwatch.StartNew();
        SqliteSetup.EnsureInitialized();
        // The connection is closed inside the timed part: closing checkpoints the WAL, as the sink does at completion.
        await using (var connection = await SqliteSetup.OpenAsync(target, readOnly: false, CancellationToken.None))
        {
            await using (var create = connection.CreateCommand())
            {
                create.CommandText = "CREATE TABLE IF NOT EXISTS docs_vectors (id TEXT PRIMARY KEY, vector BLOB NOT NULL, content_hash TEXT NOT NULL, space TEXT NOT NULL)";
                await create.ExecuteNonQueryAsync();
            }

            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO docs_vectors (id, vector, content_hash, space) VALUES ($id, $vector, $hash, $space) " +
                "ON CONFLICT(id) DO UPDATE SET vector = excluded.vector, content_hash = excluded.content_hash, space = excluded.space";
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            insert.Parameters.Add("$vector", SqliteType.Blob).Value = vector;
            insert.Parameters.Add("$hash", SqliteType.Text).Value = hash;
            insert.Parameters.Add("$space", SqliteType.Text).Value = "baseline";
            foreach (var chunk in ids.Chunk(128))
            {
                await using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                foreach (var key in chunk)
                {
                    id.Value = key;
                    await insert.ExecuteNonQueryAsync();
                }

                await transaction.CommitAsync();
            }
        }

        _loopSeconds = watch.Elapsed.TotalSeconds;
        return ids.Count;
    }

    private static double PeakRssMb()
    {
        var line = File.ReadLines("/proc/self/status").First(static l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
