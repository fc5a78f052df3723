using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace Reembed.Cli;

/// <summary>What every verb gets: output mode, logger, clock, and the stop/abort signals.</summary>
internal sealed class CliContext
{
    public required bool Json { get; init; }

    public required ILogger Logger { get; init; }

    public required TimeProvider Time { get; init; }

    public required ShutdownSignals Signals { get; init; }

    public required ParseResult Parse { get; init; }

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
