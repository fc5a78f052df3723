using Reembed.Bench;

// Orchestrator: `pipeline [--runs N] [--corpus PATH]` runs every scenario N times, each in a fresh
// child process (so that peak RSS is per run), and prints a markdown table of medians.
// Child: `child <scenario> <corpus.jsonl> <workdir>` runs one scenario and prints one JSON line.
return args switch
{
    ["child", var scenario, var corpus, var work] => await Child.RunAsync(scenario, corpus, work),
    ["pipeline", .. var rest] => await Orchestrator.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Reembed.Bench pipeline [--runs N] [--corpus debian-packages.jsonl.gz]");
    return 2;
}
