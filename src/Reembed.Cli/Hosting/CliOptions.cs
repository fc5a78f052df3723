using System.CommandLine;
using Microsoft.Extensions.Logging;
using Reembed.Hosting;

namespace Reembed.Cli;

/// <summary>Options and arguments shared by several verbs.</summary>
internal static class CliOptions
{
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON document on standard output and nothing else there",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log debug detail to standard error",
        Recursive = true,
    };

    public static readonly Option<string?> Mode = new("--mode")
    {
        Description = "Override the config's mode: missing, changed or all",
    };

    public static readonly Option<string?> State = new("--state")
    {
        Description = "Override the config's state store path",
    };

    public static readonly Option<string?> Job = new("--job")
    {
        Description = "A job id (default: the latest job of the config)",
    };

    public static Argument<string?> ConfigArgument() => new("config")
    {
        Description = $"Path of the config file (default: ./{JobSpecLoader.DefaultFileName})",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>The config the verb names, with its flags applied; warnings about it go to the log.</summary>
    public static Task<JobSpec> LoadConfigAsync(CliContext context, Argument<string?> config, CancellationToken cancellationToken)
    {
        var parse = context.Parse;
        return context.Loader.LoadAsync(parse.GetValue(config), new ConfigOverrides(
            parse.GetResult(Mode) is null ? null : parse.GetValue(Mode),
            parse.GetResult(State) is null ? null : parse.GetValue(State)), warning => context.Logger.LogWarning("{Warning}", warning), cancellationToken);
    }
}
