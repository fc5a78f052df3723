using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Reembed.Hashing;
using Reembed.Postgres;
using Reembed.Postgres.Sink;
using Reembed.Sqlite;

namespace Reembed.Bench.Postgres;

/// <summary>One measured run of one Postgres scenario, in its own process; prints one JSON line.</summary>
internal static class PgChild
{
    public static async Task<int> RunAsync(string scenario, long rows, string work)
    {
        Directory.CreateDirectory(work);
        var connectionString = PgBench.Postgres();
        var vector = PgBench.FixedVector();
        await PrepareAsync(connectionString, scenario);
        var watch = Stopwatch.StartNew();
        var written = scenario switch
        {
            "baseline" => await BaselineAsync(connectionString, rows, vector, preEncoded: false),
            "baseline-raw" => await BaselineAsync(connectionString, rows, vector, preEncoded: true),
            "noop" => await PipelineAsync(connectionString, work, new FixedVectorGenerator(vector), inPlace: false),
            "hashing" => await PipelineAsync(connectionString, work, HashingEmbedder.Create(new HashingEmbedderOptions { Dimensions = PgBench.Dimensions }), inPlace: false),
            "inplace" => await PipelineAsync(connectionString, work, new FixedVectorGenerator(vector), inPlace: true),
            _ => throw new ArgumentException($"unknown scenario {scenario}"),
        };
        var seconds = watch.Elapsed.TotalSeconds;
        if (written != rows)
        {
            throw new InvalidOperationException($"{scenario} wrote {written} rows of {rows}");
        }

        Console.WriteLine(JsonSerializer.Serialize(new PgResult(scenario, written, seconds, written / seconds, PeakRssMb())));
        return 0;
    }

    /// <summary>A fresh target for every run, made before the clock starts.</summary>
    private static async Task PrepareAsync(string connectionString, string scenario)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await PgBench.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {PgBench.TargetTable}");
        await PgBench.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {PgBench.InPlaceTable}");
        if (scenario.StartsWith("baseline", StringComparison.Ordinal))
        {
            // The shape the sink gives a shadow table with idType bigint and vectorType real[].
            await PgBench.ExecuteAsync(connection,
                $"CREATE TABLE {PgBench.TargetTable} (id bigint PRIMARY KEY, embedding real[] NOT NULL, content_hash text NOT NULL, space text NOT NULL)");
        }
        else if (scenario == "inplace")
        {
            // A copy of the source with its own primary key and an empty vector column: a first backfill.
            await PgBench.ExecuteAsync(connection, $"CREATE TABLE {PgBench.InPlaceTable} (id bigint PRIMARY KEY, title text, body text, embedding real[], embedding_hash text)");
            await PgBench.ExecuteAsync(connection, $"INSERT INTO {PgBench.InPlaceTable} (id, title, body) SELECT id, title, body FROM {PgBench.SourceTable}");
            await PgBench.ExecuteAsync(connection, $"VACUUM ANALYZE {PgBench.InPlaceTable}");
        }
    }

    /// <summary>
    /// One binary COPY of every row. <paramref name="preEncoded"/> writes each vector in the wire format
    /// the sink builds itself, instead of through Npgsql's array converter: the same COPY, the client's cost
    /// as the sink pays it.
    /// </summary>
    private static async Task<long> BaselineAsync(string connectionString, long rows, float[] vector, bool preEncoded)
    {
        var hash = new string('0', 64);
        var bytes = new byte[PostgresSink.RealArrayLength(vector.Length)];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {PgBench.TargetTable} (id, embedding, content_hash, space) FROM STDIN (FORMAT BINARY)");
        for (long id = 1; id <= rows; id++)
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(id, NpgsqlDbType.Bigint);
            if (preEncoded)
            {
                PostgresSink.EncodeRealArray(vector, bytes);
                await importer.WriteAsync(bytes, NpgsqlDbType.Bytea);
            }
            else
            {
                await importer.WriteAsync(vector, NpgsqlDbType.Array | NpgsqlDbType.Real);
            }

            await importer.WriteAsync(hash, NpgsqlDbType.Text);
            await importer.WriteAsync("baseline", NpgsqlDbType.Text);
        }

        return (long)await importer.CompleteAsync();
    }

    private static async Task<long> PipelineAsync(
        string connectionString, string work, IEmbeddingGenerator<string, Embedding<float>> generator, bool inPlace)
    {
        var space = generator is FixedVectorGenerator
            ? new EmbeddingSpace("noop", "noop", PgBench.Dimensions, true)
            : HashingEmbedder.GetSpace(new HashingEmbedderOptions { Dimensions = PgBench.Dimensions });
        await using var source = PostgresStores.CreateSource(new PostgresSourceOptions
        {
            ConnectionString = connectionString,
            Table = inPlace ? PgBench.InPlaceTable : PgBench.SourceTable,
            Text = TextTemplate.Parse("{title}\n\n{body}", "source.text"),
            Where = inPlace ? "embedding IS NULL" : null,
        });
        await using var sink = PostgresStores.CreateSink(new PostgresSinkOptions
        {
            ConnectionString = connectionString,
            Table = inPlace ? PgBench.InPlaceTable : PgBench.TargetTable,
            Shape = inPlace ? PostgresTargetShape.InPlace : PostgresTargetShape.Shadow,
            IdType = "bigint",
            VectorType = PostgresVectorType.RealArray,
        });
        await using var store = await SqliteState.OpenAsync(Path.Combine(work, "state.db"), TimeProvider.System);
        var runner = new JobRunner(source, sink, generator, space, store, Pipeline(), NullLogger.Instance, TimeProvider.System);
        var outcome = await runner.RunAsync(
            new JobRequest { ConfigKey = "pg-bench-" + work, SpecFingerprint = "bench", SpecJson = "{}", Owner = "bench" }, new CancellationTokenSource());
        if (outcome.Job.Counters.Embedded != outcome.Job.Counters.Processed)
        {
            throw new InvalidOperationException($"bench run embedded {outcome.Job.Counters.Embedded} of {outcome.Job.Counters.Processed}");
        }

        return outcome.Job.Counters.Embedded;
    }

    private static double PeakRssMb()
    {
        var line = File.ReadLines("/proc/self/status").First(static l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>The run's batching: the CLI's defaults, or <c>REEMBED_BENCH_MAX_ITEMS</c> records a batch to compare sizes.</summary>
    private static PipelineOptions Pipeline() =>
        Environment.GetEnvironmentVariable("REEMBED_BENCH_MAX_ITEMS") is { Length: > 0 } items
            ? new PipelineOptions { MaxItems = int.Parse(items, CultureInfo.InvariantCulture) }
            : new PipelineOptions();
}
