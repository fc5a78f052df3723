using System.CommandLine;
using Microsoft.Extensions.Logging;
using Reembed.Hosting;

namespace Reembed.Cli;

/// <summary>What every verb gets: output mode, logger, clock, the stop/abort signals, and the engine with its spec loader.</summary>
internal sealed class CliContext
{
    public required bool Json { get; init; }

    public required ILogger Logger { get; init; }

    public required TimeProvider Time { get; init; }

    public required ShutdownSignals Signals { get; init; }

    public required ParseResult Parse { get; init; }

    public required ReembedEngine Engine { get; init; }

    public required JobSpecLoader Loader { get; init; }

    /// <summary>This process as the job API's host: its owner name, logger and graceful stop; <paramref name="events"/> for a run.</summary>
    public JobHost Host(IProgress<JobEvent>? events = null) => new()
    {
        Owner = ProcessOwner.Instance,
        Logger = Logger,
        Stop = Signals.Stop.Token,
        Events = events,
    };

    /// <summary>Human-readable output: standard output, unless <c>--json</c> owns it.</summary>
    public void Say(string line)
    {
        if (Json)
        {
            Console.Error.WriteLine(line);
        }
        else
        {
            Console.Out.WriteLine(line);
        }
    }
}
