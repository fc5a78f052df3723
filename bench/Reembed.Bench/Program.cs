using System.Globalization;
using Reembed.Bench;
using Reembed.Bench.Hashing;
using Reembed.Bench.Postgres;
using Reembed.Bench.Rate;

// Orchestrator: `pipeline [--runs N] [--corpus PATH]` runs every scenario N times, each in a fresh
// child process (so that peak RSS is per run), and prints a markdown table of medians.
// Rate: `rate [--runs N] [--seconds S] [--warmup W] [--scenarios a,b] [--corpus PATH]` runs the CLI and a naive
// client against the fake OpenAI-compatible server under rate limits and prints tokens/min against the limit.
// Postgres: `postgres [--runs N] [--rows N] [--hnsw-rows N] [--hnsw-runs N] [--scenarios baseline,noop,hashing,inplace]` loads Postgres → Postgres
// against a plain binary COPY (REEMBED_TEST_PG), then compares HNSW build orders on REEMBED_TEST_PGVECTOR.
// Hash: `hash [--texts N] [--runs R] [--batch B] [--corpus PATH]` times the hashing embedder alone (µs per text, median).
// Child: `child <scenario> <corpus.jsonl> <workdir>` runs one scenario and prints one JSON line.
return args switch
{
    ["child", var scenario, var corpus, var work] => await Child.RunAsync(scenario, corpus, work),
    ["pipeline", .. var rest] => await Orchestrator.RunAsync(rest),
    ["rate", .. var rest] => await RateBenchmark.RunAsync(rest),
    ["postgres", .. var rest] => await PgBenchmark.RunAsync(rest),
    ["hash", .. var rest] => await HashMicroBenchmark.RunAsync(rest),
    ["pg-child", var scenario, var rows, var work] => await PgChild.RunAsync(scenario, long.Parse(rows, CultureInfo.InvariantCulture), work),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Reembed.Bench pipeline [--runs N] [--corpus debian-packages.jsonl.gz]");
    Console.Error.WriteLine("       Reembed.Bench rate [--runs N] [--seconds S] [--warmup W] [--scenarios latency200,latency1000,errors5] [--corpus PATH]");
    Console.Error.WriteLine("       Reembed.Bench postgres [--runs N] [--rows N] [--hnsw-rows N] [--hnsw-runs N] [--scenarios baseline,noop,hashing,inplace]");
    Console.Error.WriteLine("       Reembed.Bench hash [--texts N] [--runs R] [--batch B] [--corpus PATH]");
    return 2;
}
