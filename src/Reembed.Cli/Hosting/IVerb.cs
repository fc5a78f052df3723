using System.CommandLine;

namespace Reembed.Cli;

/// <summary>One verb of the command line: its syntax, and what it does.</summary>
internal interface IVerb
{
    Command Create();

    Task<int> ExecuteAsync(CliContext context, CancellationToken cancellationToken);
}
